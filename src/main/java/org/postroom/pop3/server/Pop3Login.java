package org.postroom.pop3.server;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.postroom.directory.User;
import org.postroom.net.SaslCredentials;
import org.postroom.pop3.Pop3Command;
import org.postroom.pop3.Pop3Replies;
import org.postroom.pop3.Pop3Reply;
import org.postroom.store.Maildir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AUTHORIZATION state's logins: USER/PASS (RFC 1939 7) and AUTH PLAIN (RFC 5034, RFC 4616), then the
 * user's POP3 rights, the mailbox lock and the maildrop, in that order.
 *
 * <p>Every login goes through the throttle shared with SMTP: a failure is answered only after a delay, and an
 * address with too many failures is turned away ({@code [LOGIN-DELAY]}). Until the password has been verified,
 * every refusal looks the same ({@code [AUTH] Authentication failed}), whether or not the user exists.
 */
final class Pop3Login {
    private static final Logger log = LoggerFactory.getLogger(Pop3Login.class);
    private static final String PLAIN = "PLAIN";

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
        return login(s, login, pass.password().toCharArray());
    }

    /** RFC 5034 AUTH; without a mechanism, the list of mechanisms. Null when the session must end. */
    static Pop3Reply auth(Pop3Session s, Pop3Command.Auth auth) throws IOException {
        s.pendingUser = null;
        if (auth.mechanism() == null) return Pop3Replies.mechanisms(s.passwordsAllowedHere() ? List.of(PLAIN) : List.of());
        if (!auth.mechanism().equals(PLAIN)) return Pop3Replies.ERR_AUTH_MECHANISM;
        if (!s.passwordsAllowedHere()) return Pop3Replies.ERR_PLAINTEXT_REFUSED;
        String response = auth.initialResponse();
        if (response == null) {
            response = s.challenge();
            if (response == null) return null; // the client hung up
        }
        if (response.equals("*")) return Pop3Replies.ERR_AUTH_CANCELLED; // RFC 5034 4: the client cancels
        // RFC 5034 4: "=" is an initial response of zero length
        SaslCredentials credentials = SaslCredentials.fromPlain(response.equals("=") ? "" : response);
        if (credentials == null) return Pop3Replies.ERR_AUTH_SYNTAX;
        return login(s, credentials.login(), credentials.password());
    }

    private static Pop3Reply login(Pop3Session s, String login, char[] password) throws IOException {
        var throttle = s.services.throttle();
        if (throttle.isLockedOut(s.clientAddress)) {
            Arrays.fill(password, '\0');
            log.info("{} login refused from locked-out [{}]", s.sessionId, s.clientAddress.getHostAddress());
            s.closeWith(Pop3Replies.ERR_LOCKED_OUT);
            return null;
        }
        Optional<User> authenticated = s.services.directory().authenticate(login, password);
        Arrays.fill(password, '\0');
        if (authenticated.isEmpty()) {
            boolean lockedOut = throttle.recordFailure(s.clientAddress);
            log.info("{} failed login as {} from [{}]{}", s.sessionId, printable(login), s.clientAddress.getHostAddress(),
                    lockedOut ? ", address locked out" : "");
            sleep(throttle.failureDelay().toMillis());
            return Pop3Replies.ERR_AUTH_FAILED;
        }
        throttle.recordSuccess(s.clientAddress);
        User user = authenticated.get();
        // The password was right: from here on a refusal may say why.
        if (!user.pop3Allowed()) {
            log.info("{} {} refused: POP3 not enabled for the account", s.sessionId, user.address());
            return Pop3Replies.ERR_POP3_NOT_ALLOWED;
        }
        if (user.pop3OfficeOnly() && !s.settings.inOffice(s.clientAddress)) {
            log.info("{} {} refused: POP3 from the office only, client [{}]", s.sessionId, user.address(), s.clientAddress.getHostAddress());
            return Pop3Replies.ERR_OFFICE_ONLY;
        }
        Maildir maildir = s.services.store().maildir(user.address());
        MailboxLocks.Lock lock = s.services.locks().tryLock(maildir.root());
        if (lock == null) {
            log.info("{} {} refused: mailbox in use", s.sessionId, user.address());
            return Pop3Replies.ERR_IN_USE;
        }
        Maildrop maildrop;
        try {
            maildrop = Maildrop.open(maildir);
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
