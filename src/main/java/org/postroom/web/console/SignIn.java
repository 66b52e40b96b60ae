package org.postroom.web.console;

import java.net.InetAddress;
import org.postroom.net.LoginAttempts;
import org.postroom.net.LoginGuard;
import org.postroom.web.Reply;

/**
 * Signing in and out, for the API ({@link SessionApi}) and the login page alike: the mail doors' password check and
 * throttling ({@link LoginGuard}: the same failure delay, the same lockout, counted with SMTP's, POP3's and IMAP's
 * failures), then a fresh session.
 */
public final class SignIn {
    private SignIn() {}

    /** A new session for the login, or 401 {@code not_signed_in} (wrong or disabled), 429 {@code throttled} (locked out). */
    public static Sessions.Session signIn(ConsoleServices services, String login, char[] password, InetAddress client) {
        var attempt = new LoginGuard.Attempt("web-" + Long.toHexString(System.nanoTime()), client, "console");
        if (services.logins().addressLocked(client)) {
            java.util.Arrays.fill(password, '\0');
            services.logins().refused(attempt, login, "429 throttled (address)");
            throw throttled();
        }
        LoginGuard.Verdict verdict = services.logins().verify(attempt, new LoginAttempts(), login, password);
        return switch (verdict) {
            case LoginGuard.Verdict.Success s -> {
                services.logins().succeeded(attempt, s.user());
                yield services.sessions().open(s.user().id(), services.directory().credentialStamp(s.user()));
            }
            case LoginGuard.Verdict.LoginLocked l -> {
                services.logins().refused(attempt, login, "429 throttled (login)");
                throw throttled();
            }
            case LoginGuard.Verdict.Failed f -> {
                services.logins().refused(attempt, login, "401 wrong login or password");
                throw new ConsoleError(401, "not_signed_in", "wrong login or password");
            }
        };
    }

    /** The reply's {@code Set-Cookie} for the new session. */
    public static Reply withCookie(ConsoleServices services, Reply reply, Sessions.Session session) {
        return reply.withHeader("Set-Cookie", Cookies.session(services.https(), session.id()));
    }

    /** Ends the caller's session (when signed in by cookie) and clears the cookie. */
    public static Reply signOut(ConsoleServices services, ConsoleRequest request, Reply reply) {
        request.header("cookie").flatMap(h -> Cookies.find(h, Cookies.name(services.https()))).ifPresent(services.sessions()::close);
        return reply.withHeader("Set-Cookie", Cookies.cleared(services.https()));
    }

    private static ConsoleError throttled() {
        return new ConsoleError(429, "throttled", "too many failed logins; try again later");
    }
}
