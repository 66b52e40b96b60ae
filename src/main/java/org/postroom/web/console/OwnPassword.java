package org.postroom.web.console;

import java.util.Arrays;
import org.postroom.directory.User;
import org.postroom.net.LoginAttempts;
import org.postroom.net.LoginGuard;
import org.postroom.service.DirectoryViews.UserView;

/**
 * A signed-in user changing their own password, for {@code PUT /api/v1/me/password} and the {@code /account} page
 * alike: the current password is checked through the doors' {@link LoginGuard} (the same delay and lockout, so a
 * session left open is no way to guess it), then the new one is set, which ends the user's other sessions.
 */
public final class OwnPassword {
    private OwnPassword() {}

    /** Changes it, or throws {@code 403 forbidden} when {@code current} is wrong; both arrays are wiped. */
    public static UserView change(ConsoleServices s, ConsoleRequest r, User me, char[] current, char[] next) {
        try {
            var attempt = new LoginGuard.Attempt("web-me", r.remoteAddress(), "password change");
            if (!(s.logins().verify(attempt, new LoginAttempts(), me.address().toString(), current) instanceof LoginGuard.Verdict.Success)) {
                throw ConsoleError.forbidden("the current password is wrong");
            }
            return s.users().setPassword(me.address().toString(), me.address(), next);
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(next, '\0');
        }
    }
}
