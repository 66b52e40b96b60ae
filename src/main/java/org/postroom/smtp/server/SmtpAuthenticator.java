package org.postroom.smtp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.postroom.net.LoginGuard;
import org.postroom.net.SaslCredentials;
import org.postroom.smtp.Replies;
import org.postroom.smtp.SmtpCommand;
import org.postroom.smtp.SmtpReply;

/**
 * AUTH PLAIN and LOGIN (RFC 4954, 4616) through the {@link LoginGuard} shared with POP3 (delay, lockout per login
 * and per address, one log line per refused login). The session state (EHLO given, no transaction) is checked
 * before this runs ({@link SmtpState}).
 */
final class SmtpAuthenticator {
    private static final String USERNAME_PROMPT = Base64.getEncoder().encodeToString("Username:".getBytes(StandardCharsets.US_ASCII));
    private static final String PASSWORD_PROMPT = Base64.getEncoder().encodeToString("Password:".getBytes(StandardCharsets.US_ASCII));

    private SmtpAuthenticator() {}

    /** Returns the reply, or null when the session must end (the client hung up, or its address is locked out). */
    static SmtpReply authenticate(SmtpSession s, SmtpCommand.Auth auth) throws IOException {
        if (!s.extended) return Replies.C503_NEED_EHLO; // RFC 4954 4: AUTH is an extension; HELO has none
        if (s.authenticated.isPresent()) return Replies.C503_ALREADY_AUTHENTICATED;
        LoginGuard guard = s.services.logins();
        var attempt = new LoginGuard.Attempt(s.sessionId(), s.clientAddress, auth.mechanism());
        if (guard.addressLocked(s.clientAddress)) {
            guard.refused(attempt, null, Replies.C421_AUTH_LOCKED_OUT.toString());
            s.closeWith(Replies.C421_AUTH_LOCKED_OUT);
            return null;
        }
        if (!s.authAllowedHere()) return refused(s, attempt, null, Replies.C538_ENCRYPTION_REQUIRED);

        SaslCredentials credentials;
        switch (auth.mechanism()) {
            case "PLAIN" -> {
                String response = auth.initialResponse();
                if (response == null) response = s.challenge("");
                if (response == null) return null;
                if (response.equals("*")) return refused(s, attempt, null, Replies.C501_AUTH_CANCELLED);
                // RFC 4954 4: "=" is an empty initial response
                credentials = SaslCredentials.fromPlain(response.equals("=") ? "" : response);
            }
            case "LOGIN" -> {
                String login = auth.initialResponse();
                if (login == null) login = s.challenge(USERNAME_PROMPT);
                if (login == null) return null;
                if (login.equals("*")) return refused(s, attempt, null, Replies.C501_AUTH_CANCELLED);
                String password = s.challenge(PASSWORD_PROMPT);
                if (password == null) return null;
                String user = SaslCredentials.decode(login);
                if (password.equals("*")) return refused(s, attempt, user, Replies.C501_AUTH_CANCELLED);
                String secret = SaslCredentials.decode(password);
                credentials = user == null || secret == null ? null : new SaslCredentials(user, secret.toCharArray());
            }
            default -> {
                return refused(s, attempt, null, Replies.C504_AUTH_MECHANISM);
            }
        }
        if (credentials == null) return refused(s, attempt, null, Replies.C501_AUTH_SYNTAX);

        return switch (guard.verify(attempt, s.loginAttempts, credentials.login(), credentials.password())) {
            case LoginGuard.Verdict.Success success -> {
                s.authenticated = Optional.of(success.user());
                guard.succeeded(attempt, success.user());
                yield Replies.C235_AUTH_OK;
            }
            case LoginGuard.Verdict.Failed failed -> refused(s, attempt, credentials.login(), Replies.C535_AUTH_FAILED);
            case LoginGuard.Verdict.LoginLocked locked -> refused(s, attempt, credentials.login(), Replies.C454_LOGIN_LOCKED);
        };
    }

    private static SmtpReply refused(SmtpSession s, LoginGuard.Attempt attempt, String login, SmtpReply reply) {
        s.services.logins().refused(attempt, login, reply.toString());
        return reply;
    }
}
