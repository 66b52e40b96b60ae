package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.imap.server.ImapDoor;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.TestPostroom;

/**
 * The not-authenticated state over real sockets: the greeting and the login's OK carry the capabilities (K-9 reads
 * them there), passwords only inside TLS (LOGINDISABLED outside), STARTTLS and its injection defence, LOGIN and
 * AUTHENTICATE PLAIN/LOGIN with and without an initial response, failed logins that say nothing more, LOGOUT.
 */
class ImapLoginTest {
    static final String NO_PLAINTEXT = "[auth]\nplaintext_from_loopback = false\nfailure_delay = \"0s\"\n";
    static final String PASSWORD = TestPostroom.PASSWORD;

    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    TestPostroom postroom;

    void start(String extraToml) {
        postroom = server.start(dir, extraToml);
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void greetingAndLoginOkCarryTheCapabilities() throws Exception {
        start("");
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            String greeting = imap.line();
            assertThat(greeting).startsWith("* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE ")
                    .contains(" STARTTLS", " AUTH=PLAIN", " AUTH=LOGIN", " APPENDLIMIT=26214400")
                    .doesNotContain("LOGINDISABLED", "COMPRESS").endsWith("] Postroom IMAP ready");
            RawImap.Result capability = imap.command("a1 CAPABILITY").expectOk();
            assertThat(capability.untagged().getFirst()).startsWith("* CAPABILITY IMAP4rev1 ").contains("AUTH=PLAIN");
            RawImap.Result login = imap.command("a2 LOGIN alice \"" + PASSWORD + "\"").expectOk();
            assertThat(login.untagged()).isEmpty();
            assertThat(login.tagged()).startsWith("a2 OK [CAPABILITY IMAP4rev1 ").endsWith("] Logged in")
                    .doesNotContain("AUTH=", "STARTTLS", "LOGINDISABLED");
            assertThat(imap.command("a3 NOOP").all()).containsExactly("a3 OK NOOP completed");
            assertThat(imap.command("a4 LOGOUT").all()).containsExactly("* BYE Postroom logging out", "a4 OK LOGOUT completed");
            assertThat(imap.isClosedByServer()).isTrue();
        }
    }

    @Test
    void outsideTlsLoginIsDisabledUntilStartTls() throws Exception {
        start(NO_PLAINTEXT);
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            assertThat(imap.line()).contains(" STARTTLS", " LOGINDISABLED").doesNotContain("AUTH=PLAIN");
            assertThat(imap.command("a1 LOGIN alice \"" + PASSWORD + "\"").tagged())
                    .isEqualTo("a1 NO [PRIVACYREQUIRED] Log in inside TLS: STARTTLS first, or port 993");
            assertThat(imap.command("a2 AUTHENTICATE PLAIN " + b64("\0alice\0" + PASSWORD)).tagged())
                    .isEqualTo("a2 NO [PRIVACYREQUIRED] Log in inside TLS: STARTTLS first, or port 993");
            assertThat(imap.command("a3 STARTTLS").all()).containsExactly("a3 OK Begin TLS negotiation now");
            imap.startTls();
            RawImap.Result capability = imap.command("a4 CAPABILITY").expectOk();
            assertThat(capability.untagged().getFirst()).contains("AUTH=PLAIN").doesNotContain("STARTTLS", "LOGINDISABLED");
            assertThat(imap.command("a5 STARTTLS").tagged()).isEqualTo("a5 BAD TLS is already active");
            assertThat(imap.command("a6 LOGIN alice \"" + PASSWORD + "\"").expectOk().tagged()).startsWith("a6 OK [CAPABILITY ");
        }
    }

    @Test
    void commandsPipelinedInTheClearAfterStartTlsAreDiscarded() throws Exception {
        start(NO_PLAINTEXT);
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            imap.line();
            // CVE-2011-0411: an attacker appends a command to the client's STARTTLS
            imap.send("a1 STARTTLS\r\na2 LOGIN alice \"" + PASSWORD + "\"\r\n");
            assertThat(imap.line()).isEqualTo("a1 OK Begin TLS negotiation now");
            imap.startTls();
            assertThat(imap.command("b1 NOOP").all()).containsExactly("b1 OK NOOP completed");
            assertThat(imap.command("b2 NAMESPACE").tagged()).isEqualTo("b2 BAD NAMESPACE is not allowed now"); // not logged in
        }
    }

    @Test
    void implicitTlsAllowsLoginsAtOnce() throws Exception {
        start(NO_PLAINTEXT);
        try (RawImap imap = RawImap.connectTls(postroom.port(ImapDoor.IMAPS))) {
            assertThat(imap.line()).contains("AUTH=PLAIN").doesNotContain("STARTTLS", "LOGINDISABLED");
            assertThat(imap.command("a1 AUTHENTICATE PLAIN " + b64("\0alice@office.test\0" + PASSWORD)).expectOk().tagged())
                    .startsWith("a1 OK [CAPABILITY ");
        }
    }

    @Test
    void authenticatePlainWithAndWithoutInitialResponse() throws Exception {
        start("");
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            imap.line();
            imap.send("a1 AUTHENTICATE PLAIN\r\n");
            assertThat(imap.line()).isEqualTo("+ ");
            imap.send(b64("\0alice\0" + PASSWORD) + "\r\n");
            assertThat(imap.line()).startsWith("a1 OK [CAPABILITY IMAP4rev1 ").endsWith("] Logged in");
        }
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            imap.line();
            // RFC 4959: SASL-IR, the whole login in one round trip
            assertThat(imap.command("a1 AUTHENTICATE PLAIN " + b64("\0alice\0" + PASSWORD)).tagged()).endsWith("] Logged in");
            assertThat(imap.command("a2 LOGIN alice x").tagged()).isEqualTo("a2 BAD LOGIN is not allowed now");
        }
    }

    @Test
    void authenticateLoginAsksForNameAndPassword() throws Exception {
        start("");
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            imap.line();
            imap.send("a1 AUTHENTICATE LOGIN\r\n");
            assertThat(imap.line()).isEqualTo("+ VXNlcm5hbWU6");
            imap.send(b64("alice") + "\r\n");
            assertThat(imap.line()).isEqualTo("+ UGFzc3dvcmQ6");
            imap.send(b64(PASSWORD) + "\r\n");
            assertThat(imap.line()).endsWith("] Logged in");
        }
    }

    @Test
    void failedLoginsSayNothingMoreAndCancelIsBad() throws Exception {
        start("");
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            imap.line();
            assertThat(imap.command("a1 LOGIN alice wrong").all()).containsExactly("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
            assertThat(imap.command("a2 LOGIN nobody wrong").all()).containsExactly("a2 NO [AUTHENTICATIONFAILED] Authentication failed");
            imap.send("a3 AUTHENTICATE PLAIN\r\n");
            assertThat(imap.line()).isEqualTo("+ ");
            imap.send("*\r\n");
            assertThat(imap.line()).isEqualTo("a3 BAD Authentication cancelled");
            assertThat(imap.command("a4 AUTHENTICATE CRAM-MD5").tagged()).isEqualTo("a4 NO [CANNOT] Unsupported authentication mechanism");
            assertThat(imap.command("a5 AUTHENTICATE PLAIN !!!").tagged()).isEqualTo("a5 BAD Invalid SASL response");
        }
    }

    @Test
    void idAnswersWithNameAndVersion() throws Exception {
        start("");
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            imap.line();
            RawImap.Result id = imap.command("a1 ID (\"name\" \"Thunderbird\" \"version\" \"128.0\")").expectOk();
            assertThat(id.untagged().getFirst()).startsWith("* ID (\"name\" \"Postroom\" \"version\" \"");
            assertThat(imap.command("a2 ID NIL").tagged()).isEqualTo("a2 OK ID completed");
        }
    }

    @Test
    void thePerUserSwitchRefusesImapOrAllowsItFromTheOfficeOnly() throws Exception {
        start("[pop3]\nport = 0\ntls_port = 0\noffice_networks = [\"10.0.0.0/8\"]\n");
        var alice = new org.postroom.message.MailAddress("alice", TestPostroom.DOMAIN);
        postroom.directory().setImapOfficeOnly(alice, true);
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            imap.line();
            // loopback is not in the office networks here
            assertThat(imap.command("a1 LOGIN alice \"" + PASSWORD + "\"").tagged())
                    .isEqualTo("a1 NO [AUTHORIZATIONFAILED] IMAP is allowed for this account from the office only");
            postroom.directory().setImapOfficeOnly(alice, false);
            postroom.directory().setImapAllowed(alice, false);
            assertThat(imap.command("a2 LOGIN alice \"" + PASSWORD + "\"").tagged())
                    .isEqualTo("a2 NO [AUTHORIZATIONFAILED] IMAP is not enabled for this account");
            assertThat(imap.command("a3 LOGIN alice wrong").tagged()).isEqualTo("a3 NO [AUTHENTICATIONFAILED] Authentication failed");
            postroom.directory().setImapAllowed(alice, true);
            imap.command("a4 LOGIN alice \"" + PASSWORD + "\"").expectOk();
        }
    }

    @Test
    void plaintextFromTheOfficeWhenConfigured() throws Exception {
        start(NO_PLAINTEXT + "[pop3]\nport = 0\ntls_port = 0\noffice_networks = [\"127.0.0.0/8\"]\n"
                + "[imap]\nport = 0\ntls_port = 0\nplaintext_from_office = true\n");
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            assertThat(imap.line()).contains("AUTH=PLAIN").doesNotContain("LOGINDISABLED");
            imap.command("a1 LOGIN alice \"" + PASSWORD + "\"").expectOk();
        }
    }

    @Test
    void anAddressWithTooManyFailuresIsToldAndDisconnected() throws Exception {
        start("[auth]\nfailure_delay = \"0s\"\nmax_failures = 2\n[pop3]\nport = 0\ntls_port = 0\noffice_networks = [\"10.0.0.0/8\"]\n");
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            imap.line();
            assertThat(imap.command("a1 LOGIN alice one").tagged()).isEqualTo("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
            assertThat(imap.command("a2 LOGIN bob two").tagged()).isEqualTo("a2 NO [AUTHENTICATIONFAILED] Authentication failed");
            // shared with SMTP and POP3 (LoginGuard): the address is locked now, even for the right password
            imap.send("a3 LOGIN alice \"" + PASSWORD + "\"\r\n");
            assertThat(imap.line()).isEqualTo("a3 NO [UNAVAILABLE] Too many failed logins; try again later");
            assertThat(imap.line()).isEqualTo("* BYE Too many failed logins");
            assertThat(imap.isClosedByServer()).isTrue();
        }
    }
}
