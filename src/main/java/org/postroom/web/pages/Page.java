package org.postroom.web.pages;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.postroom.web.Reply;
import org.postroom.web.console.Caller;
import org.postroom.web.console.ConsoleError;
import org.postroom.web.console.ConsoleRequest;
import org.postroom.web.console.Cookies;

/**
 * What every page does the same way: its frame (who is signed in, the CSRF token, the flash message), rendering a
 * template inside the layout, and Post/Redirect/Get. A form's POST that succeeds answers 303 to a page, with what
 * it did in a short-lived flash cookie that the next page shows once and clears; a POST that the service refuses
 * shows the form again with the error, and the status the API would have answered.
 */
final class Page {
    /** Not {@code __Host-}: it holds no secret, only the sentence the next page shows (escaped there). */
    static final String FLASH_COOKIE = "postroom-flash";

    private Page() {}

    /** The frame of a page for this request; the flash message is read from its cookie. */
    static Frame frame(ConsoleRequest r, String title, String active) {
        Optional<Caller> caller = r.caller();
        return new Frame(title, active, caller.map(c -> c.address().toString()).orElse(""), caller.map(Caller::admin).orElse(false),
                caller.map(Caller::csrfToken).orElse(""), flash(r).orElse(null), null);
    }

    /** The template rendered with the frame and these parameters: 200, or the given status for a refused form. */
    static Reply render(ConsoleRequest r, int status, Frame frame, String template, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("frame", frame);
        Reply reply = Reply.html(status, Templates.render(template, all));
        if (flash(r).isPresent()) reply = reply.withHeader("Set-Cookie", FLASH_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        return reply;
    }

    static Reply render(ConsoleRequest r, Frame frame, String template, Map<String, Object> params) {
        return render(r, 200, frame, template, params);
    }

    /** 303 to {@code location}, which then shows {@code message} once. */
    static Reply redirect(String location, String message) {
        String value = URLEncoder.encode(message, StandardCharsets.UTF_8);
        return Reply.redirect(location).withHeader("Set-Cookie", FLASH_COOKIE + "=" + value + "; Path=/; Max-Age=60; HttpOnly; SameSite=Strict");
    }

    /**
     * A form's POST: runs {@code work} (which returns the flash message) and redirects to {@code location}; a value
     * the service refuses (bad input, a conflict, not found) shows {@code form} again with the error instead.
     * Refusals of who is asking (401, 403) are not the form's business: they go on to the error page.
     */
    static Reply submit(String location, Supplier<String> work, Function<ConsoleError, Reply> form) {
        String message;
        try {
            message = work.get();
        } catch (RuntimeException e) {
            ConsoleError error = ConsoleError.from(e).orElseThrow(() -> e);
            if (error.status() == 401 || error.status() == 403) throw error;
            return form.apply(error);
        }
        return redirect(location, message);
    }

    /** A required form field, trimmed; missing or blank is a 422 that names it. */
    static String required(ConsoleRequest r, String field, String label) {
        String value = r.form(field).map(String::strip).orElse("");
        if (value.isEmpty()) throw ConsoleError.unprocessable(label + " is required");
        return value;
    }

    /** A checkbox: present (any value) means ticked. */
    static boolean ticked(ConsoleRequest r, String field) {
        return r.form(field).isPresent();
    }

    private static Optional<String> flash(ConsoleRequest r) {
        return r.header("cookie").flatMap(h -> Cookies.find(h, FLASH_COOKIE)).filter(v -> !v.isEmpty()).map(v -> {
            try {
                return URLDecoder.decode(v, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }).filter(v -> !v.isEmpty()).map(v -> v.length() > 300 ? v.substring(0, 300) : v);
    }
}
