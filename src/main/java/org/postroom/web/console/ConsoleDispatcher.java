package org.postroom.web.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.postroom.directory.User;
import org.postroom.web.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every console request: finds its route, reads its bounded body, finds who is calling (session cookie or
 * API token), checks access and CSRF, runs the handler and turns what it throws into an error reply (JSON under
 * {@code /api/}, an error page elsewhere). The order matters: a request is refused before its handler runs.
 *
 * <p>CSRF (issue 13): a state-changing request (not GET or HEAD) signed in by session cookie must carry the session's
 * token (header {@code X-CSRF-Token} or form field {@code _csrf}) and an {@code Origin} (or else {@code Referer})
 * of this server; any state-changing request with a foreign {@code Origin} is refused too (a cross-site login).
 * Bearer tokens are not sent by browsers on their own, so they need neither.
 */
public final class ConsoleDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ConsoleDispatcher.class);
    /** A request body's limit: a JSON object or a form, never a file. */
    public static final int MAX_BODY = 1 << 20;
    /** An oversized body up to this is read to its end before the 413 (see {@code readBody}). */
    private static final long DRAIN_LIMIT = 4L * MAX_BODY;

    /** How a page path shows an error; the API's errors are always JSON. */
    @FunctionalInterface
    public interface ErrorPage {
        Reply render(ConsoleRequest request, ConsoleError error);
    }

    private final Routes routes;
    private final ConsoleServices services;
    private volatile ErrorPage errorPage = ConsoleDispatcher::plainErrorPage;
    private final HostCheck hosts;

    public ConsoleDispatcher(Routes routes, ConsoleServices services, HostCheck hosts) {
        this.routes = routes;
        this.services = services;
        this.hosts = hosts;
    }

    /** Replaces the plain error page (the pages' own, with the layout; it may redirect a 401 to /login); {@link Routes#errorPage} wins. */
    public void errorPage(ErrorPage page) {
        this.errorPage = page;
    }

    public Routes routes() {
        return routes;
    }

    /** Whether some console route serves this path. */
    public boolean serves(String rawPath) {
        return !routes.methodsAt(rawPath).isEmpty();
    }

    public Reply answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        InetAddress remote = exchange.getRemoteAddress().getAddress();
        String path = String.join("/", Routes.segments(rawPath));
        // Without the query first: a malformed %-escape in it is the client's 400, answered below.
        ConsoleRequest bare = new ConsoleRequest(method, "/" + path, Map.of(), null, headers, new byte[0], Optional.empty(), remote);
        try {
            boolean anyHost = routes.match(method, rawPath).map(m -> m.route().answersAnyHost()).orElse(false);
            if (!anyHost && !hosts.accepts(bare.header("host"), exchange.getLocalAddress(), services.https())) {
                throw new ConsoleError(421, "misdirected", "this server does not answer for Host " + bare.header("host").orElse("(none)"));
            }
            bare = new ConsoleRequest(method, "/" + path, Map.of(), exchange.getRequestURI().getRawQuery(), headers, new byte[0],
                    Optional.empty(), remote);
            Optional<Routes.Match> match = routes.match(method, rawPath);
            if (match.isEmpty()) {
                List<String> allowed = routes.methodsAt(rawPath);
                if (allowed.isEmpty()) throw ConsoleError.notFound("no such page or API route: " + bare.path());
                return error(bare, new ConsoleError(405, "method_not_allowed", method + " is not served here"))
                        .withHeader("Allow", String.join(", ", allowed));
            }
            Route route = match.get().route();
            byte[] body = readBody(exchange);
            Optional<Caller> caller = caller(headers);
            ConsoleRequest request = new ConsoleRequest(method, bare.path(), match.get().params(), exchange.getRequestURI().getRawQuery(),
                    headers, body, caller, remote);
            bare = request;
            authorize(route, request);
            checkCsrf(request, headers);
            return route.handler().handle(request);
        } catch (RuntimeException e) {
            Optional<ConsoleError> known = ConsoleError.from(e);
            if (known.isEmpty()) throw e; // our fault: the web server logs it and answers 500
            return error(bare, known.get());
        }
    }

    private Reply error(ConsoleRequest request, ConsoleError e) {
        if (e.status() >= 500) log.info("console: {} {}: {}", request.method(), request.path(), e.getMessage());
        if (request.path().startsWith("/api/")) return Reply.json(e.status(), e.body());
        return routes.errorPage().orElse(errorPage).render(request, e);
    }

    private static void authorize(Route route, ConsoleRequest request) {
        switch (route.access()) {
            case PUBLIC -> {}
            case SIGNED_IN -> request.requireCaller();
            case ADMIN -> {
                if (!request.requireCaller().admin()) throw ConsoleError.forbidden("this needs the admin role");
            }
        }
    }

    private void checkCsrf(ConsoleRequest request, Map<String, List<String>> headers) {
        String method = request.method();
        if (method.equals("GET") || method.equals("HEAD")) return;
        Optional<String> origin = request.header("origin");
        boolean bySession = request.caller().map(c -> !c.viaToken()).orElse(false);
        String expected = (services.https() ? "https://" : "http://") + request.header("host").orElse("").toLowerCase(Locale.ROOT);
        if (origin.isPresent() && !origin.get().toLowerCase(Locale.ROOT).equals(expected)) {
            throw new ConsoleError(403, "csrf", "the request comes from another site (Origin " + origin.get() + ")");
        }
        if (!bySession) return;
        if (origin.isEmpty()) {
            Optional<String> referer = request.header("referer");
            if (referer.isEmpty() || !(referer.get().toLowerCase(Locale.ROOT) + "/").startsWith(expected + "/")) {
                throw new ConsoleError(403, "csrf", "a signed-in request needs an Origin or Referer header of this server");
            }
        }
        String token = request.header("x-csrf-token").or(() -> request.form("_csrf")).orElse(null);
        if (!Sessions.same(token, request.caller().get().csrfToken())) {
            throw new ConsoleError(403, "csrf", "missing or wrong CSRF token (header X-CSRF-Token or form field _csrf; GET /api/v1/session shows it)");
        }
    }

    /** Who is calling: an API token, else a session cookie; a bad token is refused outright rather than ignored. */
    private Optional<Caller> caller(Map<String, List<String>> headers) {
        List<String> auth = headers.get("authorization");
        if (auth != null && !auth.isEmpty()) {
            String value = auth.getFirst();
            if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) throw new ConsoleError(401, "not_signed_in", "only Authorization: Bearer TOKEN is understood");
            Optional<User> user = services.tokens().store().verify(value.substring(7).strip(), services.clock().instant())
                    .flatMap(id -> services.directory().findUserById(id)).filter(User::enabled);
            if (user.isEmpty()) throw new ConsoleError(401, "not_signed_in", "the API token is unknown or revoked, or its user is disabled");
            return Optional.of(new Caller(user.get().id(), user.get().address(), user.get().admin(), true, ""));
        }
        List<String> cookies = headers.get("cookie");
        if (cookies == null) return Optional.empty();
        String name = Cookies.name(services.https());
        for (String header : cookies) {
            Optional<String> id = Cookies.find(header, name);
            if (id.isEmpty()) continue;
            Optional<Sessions.Session> session = services.sessions().touch(id.get());
            if (session.isEmpty()) return Optional.empty();
            // A CLI command (another process) may have changed the password, disabled or removed the user (and a new
            // user may have the id again): the stamp taken at sign-in no longer matches, and the session ends.
            Optional<User> user = services.directory().findUserById(session.get().userId()).filter(User::enabled)
                    .filter(u -> services.directory().credentialStamp(u).equals(session.get().stamp()));
            if (user.isEmpty()) {
                services.sessions().close(id.get());
                return Optional.empty();
            }
            return Optional.of(new Caller(user.get().id(), user.get().address(), user.get().admin(), false, session.get().csrfToken()));
        }
        return Optional.empty();
    }

    /** The whole body, refused beyond {@link #MAX_BODY} (413) before or while reading it. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw ConsoleError.invalid("Content-Length is not a number");
            }
            if (declared > MAX_BODY) {
                // A client still sending would hear a reset instead of the 413: read a body of a few MiB to its end
                // (the web port's whole-request time limit bounds it); a larger one is answered at once.
                if (declared <= DRAIN_LIMIT) {
                    try (InputStream in = exchange.getRequestBody()) {
                        in.skipNBytes(declared);
                    } catch (IOException e) { // shorter than declared, or gone: the 413 stands
                    }
                }
                throw new ConsoleError(413, "too_large", "a request body is at most " + MAX_BODY + " bytes");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) throw new ConsoleError(413, "too_large", "a request body is at most " + MAX_BODY + " bytes");
            return body;
        }
    }

    private static Reply plainErrorPage(ConsoleRequest request, ConsoleError e) {
        String text = e.getMessage() == null ? e.code() : e.getMessage();
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return Reply.html(e.status(), "<!doctype html><title>Postroom: " + e.status() + "</title><h1>" + e.status() + "</h1><p>" + escaped + "</p>\n");
    }
}
