package org.postroom.web.console;

import java.util.Map;
import org.postroom.directory.User;
import org.postroom.web.Reply;

/**
 * {@code /api/v1/me}: any signed-in user's own account: quota use, and changing their own password (which needs the
 * current one, checked with the doors' throttling, and starts a fresh session: the others end).
 */
final class MeApi {
    private MeApi() {}

    static void register(Routes routes, ConsoleServices s) {
        routes.get("/api/v1/me", Access.SIGNED_IN, r -> Reply.json(200, s.users().view(me(s, r))))
                .doc("My account: settings and quota use", null, Schemas.USER);
        routes.put("/api/v1/me/password", Access.SIGNED_IN, r -> {
            var b = r.json();
            char[] current = Json.requiredText(b, "currentPassword").toCharArray();
            char[] next = Json.requiredText(b, "password").toCharArray();
            User me = me(s, r);
            var view = OwnPassword.change(s, r, me, current, next);
            if (r.requireCaller().viaToken()) return Reply.json(200, view);
            Sessions.Session fresh = s.sessions().open(me.id(), s.directory().credentialStamp(s.directory().findUserById(me.id()).orElse(me)));
            return SignIn.withCookie(s, Reply.json(200, Map.of("user", view, "csrfToken", fresh.csrfToken())), fresh);
        }).doc("Change my password (the current one is needed); other sessions end, this one gets a new cookie and CSRF token",
                Schemas.OWN_PASSWORD, """
                {"type":"object","properties":{"user":%s,"csrfToken":{"type":"string"}}}""".formatted(Schemas.USER));
    }

    private static User me(ConsoleServices s, ConsoleRequest r) {
        return s.directory().findUserById(r.requireCaller().userId()).orElseThrow(ConsoleError::notSignedIn);
    }
}
