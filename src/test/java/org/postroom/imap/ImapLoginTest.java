package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.imap.server.ImapDoor;
import org.postroom.testing.ImapConversation;
import org.postroom.testing.TestPostroom;

/**
 * The not-authenticated state over real sockets: the greeting and the login's OK carry the capabilities (K-9 reads
 * them there), passwords only inside TLS (LOGINDISABLED outside), STARTTLS and its injection defence, LOGIN and
 * AUTHENTICATE PLAIN/LOGIN with and without an initial response, failed logins that say nothing more, LOGOUT.
 */
class ImapLoginTest {
    static final String NO_PLAINTEXT = "[auth]\nplaintext_from_loopback = false\nfailure_delay = \"0s\"\n";
    static final String PASSWORD = TestPostroom.PASSWORD;

    @TempDir
    Path dir;
    TestPostroom postroom;

    void start(String extraToml) {
        postroom = TestPostroom.start(dir, extraToml);
        postroom.addUser("alice");
    }

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void greetingAndLoginOkCarryTheCapabilities() throws Exception {
        start("");
        try (ImapConversation imap = ImapConversation.connect(postroom.imapPort())) {
            String greeting = imap.line();
            assertThat(greeting).startsWith("* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE ")
                    .contains(" STARTTLS", " AUTH=PLAIN", " AUTH=LOGIN", " APPENDLIMIT=26214400")
                    .doesNotContain("LOGINDISABLED", "COMPRESS").endsWith("] Postroom IMAP ready");
            List<String> capability = imap.ok("CAPABILITY");
            assertThat(capability.getFirst()).startsWith("* CAPABILITY IMAP4rev1 ").contains("AUTH=PLAIN");
            List<String> login = imap.ok("LOGIN alice \"" + PASSWORD + "\"");
            assertThat(login).hasSize(1);
            assertThat(login.getFirst()).startsWith("a2 OK [CAPABILITY IMAP4rev1 ").endsWith("] Logged in")
                    .doesNotContain("AUTH=", "STARTTLS", "LOGINDISABLED");
            assertThat(imap.ok("NOOP")).containsExactly("a3 OK NOOP completed");
            assertThat(imap.command("LOGOUT")).containsExactly("* BYE Postroom logging out", "a4 OK LOGOUT completed");
            assertThat(imap.isClosedByServer()).isTrue();
        }
    }

    @Test
    void outsideTlsLoginIsDisabledUntilStartTls() throws Exception {
        start(NO_PLAINTEXT);
        try (ImapConversation imap = ImapConversation.connect(postroom.imapPort())) {
            assertThat(imap.line()).contains(" STARTTLS", " LOGINDISABLED").doesNotContain("AUTH=PLAIN");
            assertThat(imap.command("LOGIN alice \"" + PASSWORD + "\""))
                    .containsExactly("a1 NO [PRIVACYREQUIRED] Log in inside TLS: STARTTLS first, or port 993");
            assertThat(imap.command("AUTHENTICATE PLAIN " + b64("\0alice\0" + PASSWORD)))
                    .containsExactly("a2 NO [PRIVACYREQUIRED] Log in inside TLS: STARTTLS first, or port 993");
            assertThat(imap.command("STARTTLS")).containsExactly("a3 OK Begin TLS negotiation now");
            imap.startTls();
            List<String> capability = imap.ok("CAPABILITY");
            assertThat(capability.getFirst()).contains("AUTH=PLAIN").doesNotContain("STARTTLS", "LOGINDISABLED");
            assertThat(imap.command("STARTTLS")).containsExactly("a5 BAD TLS is already active");
            assertThat(imap.ok("LOGIN alice \"" + PASSWORD + "\"").getLast()).startsWith("a6 OK [CAPABILITY ");
        }
    }

    @Test
    void commandsPipelinedInTheClearAfterStartTlsAreDiscarded() throws Exception {
        start(NO_PLAINTEXT);
        try (ImapConversation imap = ImapConversation.connect(postroom.imapPort())) {
            imap.line();
            // CVE-2011-0411: an attacker appends a command to the client's STARTTLS
            imap.send("a1 STARTTLS\r\na2 LOGIN alice \"" + PASSWORD + "\"\r\n");
            assertThat(imap.line()).isEqualTo("a1 OK Begin TLS negotiation now");
            imap.startTls();
            assertThat(imap.command("NOOP")).containsExactly("a1 OK NOOP completed");
            assertThat(imap.command("SELECT INBOX").getLast()).startsWith("a2 BAD"); // not logged in
        }
    }

    @Test
    void implicitTlsAllowsLoginsAtOnce() throws Exception {
        start(NO_PLAINTEXT);
        try (ImapConversation imap = ImapConversation.connectTls(postroom.port(ImapDoor.IMAPS))) {
            assertThat(imap.line()).contains("AUTH=PLAIN").doesNotContain("STARTTLS", "LOGINDISABLED");
            assertThat(imap.ok("AUTHENTICATE PLAIN " + b64("\0alice@office.test\0" + PASSWORD)).getLast()).startsWith("a1 OK [CAPABILITY ");
        }
    }

    @Test
    void authenticatePlainWithAndWithoutInitialResponse() throws Exception {
        start("");
        try (ImapConversation imap = ImapConversation.connect(postroom.imapPort())) {
            imap.line();
            imap.send("a1 AUTHENTICATE PLAIN\r\n");
            assertThat(imap.line()).isEqualTo("+ ");
            imap.send(b64("\0alice\0" + PASSWORD) + "\r\n");
            assertThat(imap.line()).startsWith("a1 OK [CAPABILITY IMAP4rev1 ").endsWith("] Logged in");
        }
        try (ImapConversation imap = ImapConversation.connect(postroom.imapPort())) {
            imap.line();
            // RFC 4959: SASL-IR, the whole login in one round trip
            assertThat(imap.command("AUTHENTICATE PLAIN " + b64("\0alice\0" + PASSWORD)).getLast()).endsWith("] Logged in");
            assertThat(imap.command("LOGIN alice x")).containsExactly("a2 BAD LOGIN is not allowed now");
        }
    }

    @Test
    void authenticateLoginAsksForNameAndPassword() throws Exception {
        start("");
        try (ImapConversation imap = ImapConversation.connect(postroom.imapPort())) {
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
        try (ImapConversation imap = ImapConversation.connect(postroom.imapPort())) {
            imap.line();
            assertThat(imap.command("LOGIN alice wrong")).containsExactly("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
            assertThat(imap.command("LOGIN nobody wrong")).containsExactly("a2 NO [AUTHENTICATIONFAILED] Authentication failed");
            imap.send("a3 AUTHENTICATE PLAIN\r\n");
            assertThat(imap.line()).isEqualTo("+ ");
            imap.send("*\r\n");
            assertThat(imap.line()).isEqualTo("a3 BAD Authentication cancelled");
            assertThat(imap.command("AUTHENTICATE CRAM-MD5")).containsExactly("a3 NO [CANNOT] Unsupported authentication mechanism");
            assertThat(imap.command("AUTHENTICATE PLAIN !!!")).containsExactly("a4 BAD Invalid SASL response");
        }
    }

    @Test
    void idAnswersWithNameAndVersion() throws Exception {
        start("");
        try (ImapConversation imap = ImapConversation.connect(postroom.imapPort())) {
            imap.line();
            List<String> id = imap.ok("ID (\"name\" \"Thunderbird\" \"version\" \"128.0\")");
            assertThat(id.getFirst()).startsWith("* ID (\"name\" \"Postroom\" \"version\" \"");
            assertThat(imap.ok("ID NIL").getLast()).isEqualTo("a2 OK ID completed");
        }
    }
}
