package org.postroom.web.pages;

import java.util.Map;
import org.postroom.web.Reply;
import org.postroom.web.console.Access;
import org.postroom.web.console.ConsoleError;
import org.postroom.web.console.ConsoleRequest;
import org.postroom.web.console.ConsoleServices;
import org.postroom.web.console.Routes;
import org.postroom.web.console.Sessions;
import org.postroom.web.console.SignIn;

/**
 * {@code /login} (the form, and its POST through the same password check and throttling as the API and the mail
 * doors: {@link SignIn}) and {@code /logout}. A login form needs no CSRF token (there is no session yet); the
 * dispatcher refuses a POST whose Origin is another site's, which is what stops a cross-site login.
 */
final class LoginPages {
    private LoginPages() {}

    static void register(Routes routes, ConsoleServices services) {
        routes.get("/login", Access.PUBLIC, r -> {
            if (r.caller().isPresent()) return Reply.redirect("/");
            return form(r, 200, "", null);
        });
        routes.post("/login", Access.PUBLIC, r -> {
            String login = r.form("login").map(String::strip).orElse("");
            char[] password = r.form("password").orElse("").toCharArray();
            try {
                if (login.isEmpty() || password.length == 0) throw ConsoleError.invalid("enter your address and password");
                Sessions.Session session = SignIn.signIn(services, login, password, r.remoteAddress());
                return SignIn.withCookie(services, Page.redirect("/", "Signed in as " + login), session);
            } catch (ConsoleError e) {
                return form(r, e.status(), login, e.getMessage());
            }
        });
        routes.post("/logout", Access.SIGNED_IN, r -> SignIn.signOut(services, r, Page.redirect("/login", "Signed out")));
    }

    private static Reply form(ConsoleRequest r, int status, String login, String error) {
        Frame frame = new Frame("Log in", "", "", false, "", null, error);
        Frame withFlash = Page.frame(r, "Log in", "");
        frame = new Frame(frame.title(), "", "", false, "", withFlash.flash(), error);
        return Page.render(r, status, frame, "login.jte", Map.of("login", login));
    }
}
