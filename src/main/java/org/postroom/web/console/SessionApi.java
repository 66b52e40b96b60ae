package org.postroom.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.postroom.web.Reply;

/**
 * {@code /api/v1/session}: sign in ({@code POST {"login","password"}}, which sets the session cookie), who am I and
 * my CSRF token ({@code GET}), sign out ({@code DELETE}).
 */
final class SessionApi {
    private SessionApi() {}

    /** What GET and POST answer. */
    record SessionView(String address, boolean admin, boolean viaToken, String csrfToken) {
        static SessionView of(Caller c) {
            return new SessionView(c.address().toString(), c.admin(), c.viaToken(), c.csrfToken());
        }
    }

    static final String LOGIN_SCHEMA = """
            {"type":"object","required":["login","password"],"properties":{
              "login":{"type":"string","description":"an address, or a local part that only one user has"},
              "password":{"type":"string"}}}""";
    static final String SESSION_SCHEMA = """
            {"type":"object","properties":{"address":{"type":"string"},"admin":{"type":"boolean"},
              "viaToken":{"type":"boolean"},"csrfToken":{"type":"string","description":"send as X-CSRF-Token with every state-changing request"}}}""";

    static void register(Routes routes, ConsoleServices services) {
        routes.post("/api/v1/session", Access.PUBLIC, r -> {
            JsonNode body = r.json();
            String login = Json.requiredText(body, "login");
            char[] password = Json.requiredText(body, "password").toCharArray();
            Sessions.Session session = SignIn.signIn(services, login, password, r.remoteAddress());
            var user = services.directory().findUserById(session.userId()).orElseThrow();
            var view = new SessionView(user.address().toString(), user.admin(), false, session.csrfToken());
            return SignIn.withCookie(services, Reply.json(200, view), session);
        }).doc("Sign in: sets the session cookie and answers the CSRF token", LOGIN_SCHEMA, SESSION_SCHEMA);
        routes.get("/api/v1/session", Access.SIGNED_IN, r -> Reply.json(200, SessionView.of(r.requireCaller())))
                .doc("Who is signed in, and the session's CSRF token", null, SESSION_SCHEMA);
        routes.delete("/api/v1/session", Access.SIGNED_IN, r -> SignIn.signOut(services, r, Reply.json(200, Map.of("signedOut", true))))
                .doc("Sign out: ends the session and clears its cookie", null, """
                        {"type":"object","properties":{"signedOut":{"type":"boolean"}}}""");
    }
}
