package org.postroom.imap.server;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.postroom.directory.User;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.ResponseCode;
import org.postroom.net.LoginGuard;
import org.postroom.net.SaslCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The not-authenticated state (RFC 3501 6.2): STARTTLS, LOGIN, and AUTHENTICATE with PLAIN (RFC 4616) and LOGIN,
 * with an initial response (RFC 4959 SASL-IR).
 *
 * <p>Every login goes through the {@link LoginGuard} shared with SMTP and POP3: a failure is answered after a delay,
 * a login or address with too many failures is refused for a while, every refusal is logged. Until the password has
 * been verified, every refusal looks the same ({@code NO [AUTHENTICATIONFAILED]}).
 */
final class LoginCommands {
    private static final Logger log = LoggerFactory.getLogger(LoginCommands.class);
    private static final String USERNAME_CHALLENGE = Base64.getEncoder().encodeToString("Username:".getBytes(StandardCharsets.US_ASCII));
    private static final String PASSWORD_CHALLENGE = Base64.getEncoder().encodeToString("Password:".getBytes(StandardCharsets.US_ASCII));

    static final Completion PRIVACY_REQUIRED = Completion.no(ResponseCode.PRIVACYREQUIRED, "Log in inside TLS: STARTTLS first, or port 993");
    static final Completion AUTH_FAILED = Completion.no(ResponseCode.AUTHENTICATIONFAILED, "Authentication failed");
    static final Completion LOGIN_LOCKED = Completion.no(ResponseCode.UNAVAILABLE, "Too many failed logins; try again later");
    static final Completion NOT_ALLOWED = Completion.no(ResponseCode.AUTHORIZATIONFAILED, "IMAP is not enabled for this account");
    static final Completion OFFICE_ONLY = Completion.no(ResponseCode.AUTHORIZATIONFAILED, "IMAP is allowed for this account from the office only");
    static final Completion CANCELLED = Completion.bad("Authentication cancelled");
    static final Completion BAD_RESPONSE = Completion.bad("Invalid SASL response");
    static final Completion MECHANISM = Completion.no(ResponseCode.CANNOT, "Unsupported authentication mechanism");

    private LoginCommands() {}

    static void register(ImapCommands commands) {
        commands.add("STARTTLS", ImapCommand.of(ImapCommand.States.NOT_AUTHENTICATED, LoginCommands::startTls));
        commands.add("LOGIN", ImapCommand.of(ImapCommand.States.NOT_AUTHENTICATED, LoginCommands::login));
        commands.add("AUTHENTICATE", ImapCommand.of(ImapCommand.States.NOT_AUTHENTICATED, LoginCommands::authenticate));
    }

    /** RFC 3501 6.2.1; whatever the client pipelined after it in the clear is thrown away (CVE-2011-0411). */
    private static Completion startTls(ImapSession s, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.end();
        if (s.connection.tlsActive()) return Completion.bad("TLS is already active");
        if (s.services.tls() == null) return Completion.no("TLS is not available");
        s.out().tagged(tag, Completion.ok("Begin TLS negotiation now"));
        s.flush();
        try {
            s.connection.startTls(s.services.tls());
        } catch (IOException e) {
            throw new SocketException("TLS handshake failed: " + e.getMessage());
        }
        log.debug("{} {}", s.sessionId, s.connection.tlsDescription());
        return null; // answered before the handshake
    }

    /** RFC 3501 6.2.3: {@code LOGIN userid password}, astrings. */
    private static Completion login(ImapSession s, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.space();
        String login = args.astring();
        args.space();
        char[] password = args.astring().toCharArray();
        args.end();
        var attempt = new LoginGuard.Attempt(s.sessionId, s.clientAddress, "LOGIN");
        if (!s.passwordsAllowedHere()) {
            Arrays.fill(password, '\0');
            return refused(s, attempt, login, PRIVACY_REQUIRED);
        }
        return verify(s, tag, attempt, login, password);
    }

    /** RFC 3501 6.2.2, RFC 4959: {@code AUTHENTICATE mechanism [SP initial-response]}. */
    private static Completion authenticate(ImapSession s, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.space();
        String mechanism = args.keyword();
        String initial = null;
        if (!args.atEnd()) {
            args.space();
            initial = args.takeWhile(c -> c > ' ' && c < 0x7f);
            if (initial.isEmpty()) throw new ImapSyntaxException("Invalid initial response");
        }
        args.end();
        var attempt = new LoginGuard.Attempt(s.sessionId, s.clientAddress, "AUTHENTICATE " + mechanism);
        if (!mechanism.equals("PLAIN") && !mechanism.equals("LOGIN")) return refused(s, attempt, null, MECHANISM);
        if (!s.passwordsAllowedHere()) return refused(s, attempt, null, PRIVACY_REQUIRED);
        if (mechanism.equals("PLAIN")) {
            String response = initial != null ? initial : challenge(s, "");
            if (response == null) return hungUp(s);
            if (response.equals("*")) return refused(s, attempt, null, CANCELLED);
            // RFC 4959 3: "=" is an initial response of zero length
            SaslCredentials credentials = SaslCredentials.fromPlain(response.equals("=") ? "" : response);
            if (credentials == null) return refused(s, attempt, null, BAD_RESPONSE);
            return verify(s, tag, attempt, credentials.login(), credentials.password());
        }
        // LOGIN (draft-murchison-sasl-login): the user name, then the password, each base64
        String userResponse = initial != null ? initial : challenge(s, USERNAME_CHALLENGE);
        if (userResponse == null) return hungUp(s);
        if (userResponse.equals("*")) return refused(s, attempt, null, CANCELLED);
        String login = SaslCredentials.decode(userResponse.equals("=") ? "" : userResponse);
        if (login == null) return refused(s, attempt, null, BAD_RESPONSE);
        String passwordResponse = challenge(s, PASSWORD_CHALLENGE);
        if (passwordResponse == null) return hungUp(s);
        if (passwordResponse.equals("*")) return refused(s, attempt, login, CANCELLED);
        String password = SaslCredentials.decode(passwordResponse);
        if (password == null) return refused(s, attempt, login, BAD_RESPONSE);
        return verify(s, tag, attempt, login, password.toCharArray());
    }

    private static String challenge(ImapSession s, String base64) throws IOException {
        s.out().continuation(base64);
        return s.readResponseLine();
    }

    private static Completion hungUp(ImapSession s) throws IOException {
        throw new java.io.EOFException("the client hung up during AUTHENTICATE");
    }

    private static Completion refused(ImapSession s, LoginGuard.Attempt attempt, String login, Completion answer) {
        s.services.logins().refused(attempt, login, answer.text());
        return answer;
    }

    private static Completion verify(ImapSession s, String tag, LoginGuard.Attempt attempt, String login, char[] password) throws IOException {
        LoginGuard guard = s.services.logins();
        if (guard.addressLocked(s.clientAddress)) {
            Arrays.fill(password, '\0');
            refused(s, attempt, login, LOGIN_LOCKED);
            s.out().tagged(tag, LOGIN_LOCKED);
            s.bye("Too many failed logins");
            return null;
        }
        User user;
        switch (guard.verify(attempt, s.loginAttempts, login, password)) {
            case LoginGuard.Verdict.Success success -> user = success.user();
            case LoginGuard.Verdict.Failed failed -> {
                return refused(s, attempt, login, AUTH_FAILED);
            }
            case LoginGuard.Verdict.LoginLocked locked -> {
                return refused(s, attempt, login, LOGIN_LOCKED);
            }
        }
        // The password was right: from here on a refusal may say why.
        Completion rights = ImapRights.check(s, user);
        if (rights != null) return rights;
        s.authenticated(user, ImapRights.folders(s, user));
        guard.succeeded(attempt, user);
        // RFC 3501 7.1: the capabilities after login (K-9 reads them from here instead of asking)
        return Completion.ok(ResponseCode.capability(Capabilities.of(s)), "Logged in");
    }
}
