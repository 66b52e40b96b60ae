package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * IDLE (RFC 2177) and the timers, with the timers shortened: a command pipelined after DONE in the same packet is
 * run (iOS 18 does this), an IDLE outlasts the autologout timer (clients re-IDLE only every 24-29 minutes) up to its
 * own limit, and a session without commands is logged out with a BYE (RFC 3501 5.4).
 */
class ImapIdleTest {
    static final String SHORT_TIMERS = "[imap]\nport = 0\ntls_port = 0\nidle_timeout = \"1s\"\nidle_command_timeout = \"4s\"\n";

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
    void aCommandPipelinedWithDoneIsRun() throws Exception {
        try (RawImap imap = loggedIn("")) {
            imap.send("a1 IDLE\r\n");
            assertThat(imap.line()).isEqualTo("+ idling");
            imap.send("DONE\r\na2 NOOP\r\na3 LIST \"\" INBOX\r\n"); // one packet
            assertThat(imap.line()).isEqualTo("a1 OK IDLE terminated");
            assertThat(imap.line()).isEqualTo("a2 OK NOOP completed");
            assertThat(imap.until("a3").untagged()).containsExactly("* LIST (\\HasNoChildren) \"/\" INBOX");
        }
    }

    @Test
    void idleOutlastsTheAutologoutTimer() throws Exception {
        try (RawImap imap = loggedIn(SHORT_TIMERS)) {
            imap.send("a1 IDLE\r\n");
            assertThat(imap.line()).isEqualTo("+ idling");
            assertThat(imap.lineWithin(2500)).isNull(); // 2.5 s: past idle_timeout (1 s), nothing said, not closed
            imap.send("DONE\r\n");
            assertThat(imap.line()).isEqualTo("a1 OK IDLE terminated");
            // and the client re-IDLEs, as clients do
            imap.send("a2 IDLE\r\n");
            assertThat(imap.line()).isEqualTo("+ idling");
            assertThat(imap.lineWithin(1500)).isNull();
            imap.send("DONE\r\n");
            assertThat(imap.line()).isEqualTo("a2 OK IDLE terminated");
        }
    }

    @Test
    void anIdleBeyondItsOwnLimitIsEndedWithBye() throws Exception {
        try (RawImap imap = loggedIn(SHORT_TIMERS)) {
            imap.send("a1 IDLE\r\n");
            assertThat(imap.line()).isEqualTo("+ idling");
            imap.setTimeout(8000);
            assertThat(imap.line()).isEqualTo("* BYE IDLE for too long");
            assertThat(imap.isClosedByServer()).isTrue();
        }
    }

    @Test
    void withoutCommandsTheAutologoutTimerSaysBye() throws Exception {
        try (RawImap imap = loggedIn(SHORT_TIMERS)) {
            imap.setTimeout(5000);
            assertThat(imap.line()).isEqualTo("* BYE Autologout; idle for too long");
            assertThat(imap.isClosedByServer()).isTrue();
        }
    }

    @Test
    void anythingButDoneEndsIdleWithBad() throws Exception {
        try (RawImap imap = loggedIn("")) {
            imap.send("a1 IDLE\r\n");
            assertThat(imap.line()).isEqualTo("+ idling");
            imap.send("a2 NOOP\r\n");
            assertThat(imap.line()).isEqualTo("a1 BAD Expected DONE");
            assertThat(imap.command("a3 NOOP").tagged()).isEqualTo("a3 OK NOOP completed");
        }
    }

    @Test
    void shutdownSaysByeToAnIdlingClient() throws Exception {
        RawImap imap = loggedIn("");
        try (imap) {
            imap.send("a1 IDLE\r\n");
            assertThat(imap.line()).isEqualTo("+ idling");
            postroom.close();
            postroom = null;
            assertThat(imap.line()).isEqualTo("* BYE Postroom is shutting down");
            assertThat(imap.isClosedByServer()).isTrue();
        }
    }

    @Test
    void mailDeliveredBySmtpReachesAnIdlingClientAtOnce() throws Exception {
        try (RawImap imap = loggedIn("")) {
            imap.command("a1 SELECT INBOX").expectOk();
            imap.send("a2 IDLE\r\n");
            assertThat(imap.line()).isEqualTo("+ idling");
            long[] millis = new long[5];
            for (int i = 0; i < millis.length; i++) {
                try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
                    smtp.reply();
                    smtp.command("EHLO client.example.com");
                    smtp.command("MAIL FROM:<bob@example.com>");
                    smtp.command("RCPT TO:<alice@office.test>");
                    smtp.command("DATA");
                    smtp.send("Subject: news " + i + "\r\n\r\nhello\r\n.\r\n");
                    long sent = System.nanoTime();
                    assertThat(smtp.reply()).startsWith("250");
                    // the 250 comes after the delivery is durable; the EXISTS follows from the folder's event
                    assertThat(imap.line()).isEqualTo("* " + (i + 1) + " EXISTS");
                    millis[i] = (System.nanoTime() - sent) / 1_000_000;
                }
            }
            imap.send("DONE\r\n");
            assertThat(imap.line()).isEqualTo("a2 OK IDLE terminated");
            java.util.Arrays.sort(millis);
            System.out.println("IDLE: delivery (end of DATA) to EXISTS, median " + millis[2] + " ms of " + java.util.Arrays.toString(millis));
        }
    }
}
