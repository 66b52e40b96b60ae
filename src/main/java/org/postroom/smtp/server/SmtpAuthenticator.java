package org.postroom.smtp.server;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import org.postroom.directory.User;
import org.postroom.net.SaslCredentials;
import org.postroom.smtp.Replies;
import org.postroom.smtp.SmtpCommand;
import org.postroom.smtp.SmtpReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** AUTH PLAIN and LOGIN (RFC 4954, 4616), with the shared throttle on failed logins. */
final class SmtpAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(SmtpAuthenticator.class);
    private static final String USERNAME_PROMPT = Base64.getEncoder().encodeToString("Username:".getBytes(StandardCharsets.US_ASCII));
    private static final String PASSWORD_PROMPT = Base64.getEncoder().encodeToString("Password:".getBytes(StandardCharsets.US_ASCII));

    private SmtpAuthenticator() {}

    /** Returns the reply, or null when the session must end (the client hung up, or it is now locked out). */
    static SmtpReply authenticate(SmtpSession s, SmtpCommand.Auth auth) throws IOException {
        if (s.clientName == null || !s.extended) return Replies.C503_NEED_EHLO;
        if (s.authenticated.isPresent()) return Replies.C503_ALREADY_AUTHENTICATED;
        if (s.transaction != null) return Replies.C503_AUTH_IN_TRANSACTION;
        if (s.services.throttle().isLockedOut(s.clientAddress)) {
            s.closeWith(Replies.C421_AUTH_LOCKED_OUT);
            return null;
        }
        if (!s.authAllowedHere()) return Replies.C538_ENCRYPTION_REQUIRED;

        SaslCredentials credentials;
        switch (auth.mechanism()) {
            case "PLAIN" -> {
                String response = auth.initialResponse();
                if (response == null) response = s.challenge("");
                if (response == null) return null;
                if (response.equals("*")) return Replies.C501_AUTH_CANCELLED;
                // RFC 4954 4: "=" is an empty initial response
                credentials = SaslCredentials.fromPlain(response.equals("=") ? "" : response);
            }
            case "LOGIN" -> {
                String login = auth.initialResponse();
                if (login == null) login = s.challenge(USERNAME_PROMPT);
                if (login == null) return null;
                if (login.equals("*")) return Replies.C501_AUTH_CANCELLED;
                String password = s.challenge(PASSWORD_PROMPT);
                if (password == null) return null;
                if (password.equals("*")) return Replies.C501_AUTH_CANCELLED;
                String user = SaslCredentials.decode(login);
                String secret = SaslCredentials.decode(password);
                credentials = user == null || secret == null ? null : new SaslCredentials(user, secret.toCharArray());
            }
            default -> {
                return Replies.C504_AUTH_MECHANISM;
            }
        }
        if (credentials == null) return Replies.C501_AUTH_SYNTAX;

        Optional<User> user = s.services.directory().authenticate(credentials.login(), credentials.password());
        Arrays.fill(credentials.password(), '\0');
        if (user.isPresent()) {
            s.services.throttle().recordSuccess(s.clientAddress);
            s.authenticated = user;
            log.info("{} login {} from [{}]", s.sessionId(), user.get().address(), s.clientAddress.getHostAddress());
            return Replies.C235_AUTH_OK;
        }
        boolean lockedOut = s.services.throttle().recordFailure(s.clientAddress);
        log.info("{} failed login as {} from [{}]{}", s.sessionId(), printable(credentials.login()), s.clientAddress.getHostAddress(),
                lockedOut ? ", address locked out" : "");
        sleep(s.services.throttle().failureDelay().toMillis());
        return Replies.C535_AUTH_FAILED;
    }

    private static String printable(String login) {
        String cut = login.length() > 64 ? login.substring(0, 64) : login;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
