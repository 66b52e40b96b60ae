package org.postroom.pop3.server;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.postroom.directory.User;
import org.postroom.net.LoginGuard;
import org.postroom.net.SaslCredentials;
import org.postroom.pop3.Pop3Command;
import org.postroom.pop3.Pop3Replies;
import org.postroom.pop3.Pop3Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AUTHORIZATION state's logins: USER/PASS (RFC 1939 7) and AUTH PLAIN (RFC 5034, RFC 4616), then the
 * user's POP3 rights, the mailbox lock and the maildrop, in that order.
 *
 * <p>Every login goes through the {@link LoginGuard} shared with SMTP: a failure is answered only after a delay, a
 * login with too many failures is refused for a while and an address with too many is turned away (both
 * {@code [LOGIN-DELAY]}), and every refusal is logged. Until the password has been verified, every refusal looks
 * the same ({@code [AUTH] Authentication failed}), whether or not the user exists.
 */
final class Pop3Login {
    private static final Logger log = LoggerFactory.getLogger(Pop3Login.class);
    private static final String PLAIN = "PLAIN";
    private static final String USER_PASS = "USER/PASS";

    private Pop3Login() {}

    /** RFC 1939 7 USER: remembered for PASS; the answer is the same whether the user exists or not. */
    static Pop3Reply user(Pop3Session s, Pop3Command.User user) {
        s.pendingUser = null;
        if (!s.passwordsAllowedHere()) return Pop3Replies.ERR_PLAINTEXT_REFUSED;
        s.pendingUser = user.name();
        return Pop3Replies.OK_SEND_PASS;
    }

    /** RFC 1939 7 PASS: only right after a successful USER. Null when the session must end. */
    static Pop3Reply pass(Pop3Session s, Pop3Command.Pass pass) throws IOException {
        String login = s.pendingUser;
        s.pendingUser = null;
        if (login == null) return Pop3Replies.ERR_NEED_USER;
        return login(s, USER_PASS, login, pass.password().toCharArray());
    }

    /** RFC 5034 AUTH; without a mechanism, the list of mechanisms. Null when the session must end. */
    static Pop3Reply auth(Pop3Session s, Pop3Command.Auth auth) throws IOException {
        s.pendingUser = null;
        if (auth.mechanism() == null) return Pop3Replies.mechanisms(s.passwordsAllowedHere() ? List.of(PLAIN) : List.of());
        var attempt = new LoginGuard.Attempt(s.sessionId, s.clientAddress, "AUTH " + auth.mechanism());
        if (!auth.mechanism().equals(PLAIN)) return refused(s, attempt, null, Pop3Replies.ERR_AUTH_MECHANISM);
        if (!s.passwordsAllowedHere()) return refused(s, attempt, null, Pop3Replies.ERR_PLAINTEXT_REFUSED);
        String response = auth.initialResponse();
        if (response == null) {
            response = s.challenge();
            if (response == null) return null; // the client hung up
        }
        if (response.equals("*")) return refused(s, attempt, null, Pop3Replies.ERR_AUTH_CANCELLED); // RFC 5034 4: the client cancels
        // RFC 5034 4: "=" is an initial response of zero length
        SaslCredentials credentials = SaslCredentials.fromPlain(response.equals("=") ? "" : response);
        if (credentials == null) return refused(s, attempt, null, Pop3Replies.ERR_AUTH_SYNTAX);
        return login(s, "AUTH " + PLAIN, credentials.login(), credentials.password());
    }

    private static Pop3Reply refused(Pop3Session s, LoginGuard.Attempt attempt, String login, Pop3Reply reply) {
        s.services.logins().refused(attempt, login, reply.toString());
        return reply;
    }

    private static Pop3Reply login(Pop3Session s, String mechanism, String login, char[] password) throws IOException {
        LoginGuard guard = s.services.logins();
        var attempt = new LoginGuard.Attempt(s.sessionId, s.clientAddress, mechanism);
        if (guard.addressLocked(s.clientAddress)) {
            Arrays.fill(password, '\0');
            refused(s, attempt, login, Pop3Replies.ERR_LOCKED_OUT);
            s.closeWith(Pop3Replies.ERR_LOCKED_OUT);
            return null;
        }
        User user;
        switch (guard.verify(attempt, s.loginAttempts, login, password)) {
            case LoginGuard.Verdict.Success success -> user = success.user();
            case LoginGuard.Verdict.Failed failed -> {
                return refused(s, attempt, login, Pop3Replies.ERR_AUTH_FAILED);
            }
            case LoginGuard.Verdict.LoginLocked locked -> {
                return refused(s, attempt, login, Pop3Replies.ERR_LOGIN_LOCKED);
            }
        }
        // The password was right: from here on a refusal may say why.
        if (!user.pop3Allowed()) {
            log.info("{} {} refused: POP3 not enabled for the account", s.sessionId, user.address());
            return Pop3Replies.ERR_POP3_NOT_ALLOWED;
        }
        if (user.pop3OfficeOnly() && !s.settings.inOffice(s.clientAddress)) {
            log.info("{} {} refused: POP3 from the office only, client [{}]", s.sessionId, user.address(), s.clientAddress.getHostAddress());
            return Pop3Replies.ERR_OFFICE_ONLY;
        }
        MailboxLocks.Lock lock = s.services.locks().tryLock(s.services.store().maildir(user.address()).root());
        if (lock == null) {
            log.info("{} {} refused: mailbox in use", s.sessionId, user.address());
            return Pop3Replies.ERR_IN_USE;
        }
        Maildrop maildrop;
        try {
            maildrop = Maildrop.open(s.services.store().inbox(user.address()));
        } catch (IOException | RuntimeException e) {
            lock.close();
            log.warn("{} cannot list the mailbox of {}: {}", s.sessionId, user.address(), e.toString());
            return Pop3Replies.ERR_MAILBOX_UNAVAILABLE;
        }
        s.enterTransaction(user, lock, maildrop);
        log.info("{} login {} from [{}]: {} messages, {} octets", s.sessionId, user.address(), s.clientAddress.getHostAddress(),
                maildrop.count(), maildrop.octets());
        return Pop3Replies.loggedIn(maildrop.count(), maildrop.octets());
    }
}
