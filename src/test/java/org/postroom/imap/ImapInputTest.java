package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.TestPostroom;

/**
 * How commands are read, as exact bytes: synchronizing literals with their {@code +}, LITERAL+ (RFC 7888), the
 * limits (a command line, literals held in memory, a non-synchronizing literal over the limit: BAD and BYE),
 * garbage, a client that hangs up mid-command, and the error count that ends a session.
 */
class ImapInputTest {
    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    TestPostroom postroom;

    RawImap loggedIn(String extraToml) throws Exception {
        postroom = server.start(dir, extraToml);
        return server.login();
    }

    @Test
    void synchronizingLiteralGetsAContinuation() throws Exception {
        postroom = server.start(dir);
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            imap.line();
            imap.send("a1 LOGIN {5}\r\n");
            assertThat(imap.line()).isEqualTo("+ Ready for literal data");
            imap.send("alice {" + TestPostroom.PASSWORD.length() + "}\r\n");
            assertThat(imap.line()).isEqualTo("+ Ready for literal data");
            imap.send(TestPostroom.PASSWORD + "\r\n");
            assertThat(imap.line()).startsWith("a1 OK [CAPABILITY");
        }
    }

    @Test
    void nonSynchronizingLiteralsComeWithoutAContinuation() throws Exception {
        try (RawImap imap = loggedIn("")) {
            // RFC 7888: the whole command in one write, no "+" in between
            imap.send("a1 CREATE {8+}\r\nMy stuff\r\n");
            assertThat(imap.line()).isEqualTo("a1 OK CREATE completed");
            assertThat(imap.command("a2 LIST \"\" {2+}\r\nM*").untagged()).containsExactly("* LIST (\\HasNoChildren) \"/\" \"My stuff\"");
        }
    }

    @Test
    void aLiteralOverTheLimitIsRefusedBeforeTheContinuation() throws Exception {
        try (RawImap imap = loggedIn("")) {
            imap.send("a1 CREATE {100000}\r\n");
            assertThat(imap.line()).isEqualTo("a1 BAD [TOOBIG] Literal too big");
            assertThat(imap.command("a2 NOOP").tagged()).isEqualTo("a2 OK NOOP completed");
        }
    }

    @Test
    void aNonSynchronizingLiteralOverTheLimitEndsTheSession() throws Exception {
        try (RawImap imap = loggedIn("")) {
            imap.send("a1 CREATE {100000+}\r\n");
            // RFC 7888 4: the octets are already on their way; BAD, then BYE and the connection closes
            assertThat(imap.line()).isEqualTo("a1 BAD [TOOBIG] Literal too big");
            assertThat(imap.line()).startsWith("* BYE");
            assertThat(imap.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aBadCommandSkipsItsNonSynchronizingLiteral() throws Exception {
        try (RawImap imap = loggedIn("")) {
            // The literal's bytes look like a command; they must not be run as one
            imap.send("a1 BOGUS {14+}\r\nx1 CREATE Evil\r\n");
            assertThat(imap.line()).isEqualTo("a1 BAD Unknown command BOGUS");
            assertThat(imap.command("a2 LIST \"\" Evil").all()).containsExactly("a2 OK LIST completed");
        }
    }

    @Test
    void anOverlongLineIsBadAndTheSessionGoesOn() throws Exception {
        try (RawImap imap = loggedIn("")) {
            imap.send("a1 CREATE " + "x".repeat(70 * 1024) + "\r\n");
            assertThat(imap.line()).isEqualTo("* BAD [TOOBIG] Command line too long");
            assertThat(imap.command("a2 NOOP").tagged()).isEqualTo("a2 OK NOOP completed");
        }
    }

    @Test
    void garbageIsAnsweredBadAndTooMuchOfItEndsTheSession() throws Exception {
        try (RawImap imap = loggedIn("[imap]\nport = 0\ntls_port = 0\nmax_errors = 3\n")) {
            imap.send(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\r', '\n'});
            assertThat(imap.line()).isEqualTo("* BAD Missing or invalid tag");
            imap.send("a1\r\n");
            assertThat(imap.line()).isEqualTo("a1 BAD Missing arguments");
            imap.send("a2 NOOP extra\r\n");
            assertThat(imap.line()).isEqualTo("a2 BAD Unexpected extra arguments");
            assertThat(imap.line()).isEqualTo("* BYE Too many errors");
            assertThat(imap.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aClientThatHangsUpInsideALiteralLeavesNothingBehind() throws Exception {
        try (RawImap imap = loggedIn("")) {
            imap.send("a1 APPEND INBOX {1000+}\r\nSubject: half\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        // The server is still there for the next client, and the half message was not stored
        try (RawImap again = server.login()) {
            assertThat(again.command("a1 STATUS INBOX (MESSAGES)").untagged()).containsExactly("* STATUS INBOX (MESSAGES 0)");
        }
    }
}
