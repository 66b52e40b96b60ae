package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * The client traps of issue 11 that live in the selected state, each as a transcript: no EXPUNGE during FETCH; a
 * FETCH of a message another session expunged answers {@code NO [EXPUNGEISSUED]} and never breaks the stream; new
 * mail reaches an idling client as EXISTS; commands pipelined after DONE in the same packet.
 */
class ImapSelectedTrapsTest {
    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = server.start(dir);
        for (int n = 1; n <= 3; n++) postroom.deliver("alice", ImapTestServer.message(n));
    }

    RawImap selected() throws Exception {
        return server.selectInbox();
    }

    void expungeFirstElsewhere() throws Exception {
        try (RawImap other = selected()) {
            other.command("x1 STORE 1 +FLAGS.SILENT (\\Deleted)").expectOk();
            other.command("x2 EXPUNGE").expectOk();
        }
    }

    @Test
    void noExpungeIsSentDuringFetchOnlyAfterIt() throws Exception {
        try (RawImap imap = selected()) {
            expungeFirstElsewhere();
            RawImap.Result fetch = imap.command("a FETCH 1:* (FLAGS)").expectOk();
            // The gone message keeps its number and is served from what the client knows.
            assertThat(fetch.untagged()).containsExactly("* 1 FETCH (FLAGS ())", "* 2 FETCH (FLAGS ())", "* 3 FETCH (FLAGS ())");
            RawImap.Result uidFetch = imap.command("b UID FETCH 3 (FLAGS)").expectOk();
            // A UID command may say it (RFC 3501 7.4.1); the numbers after it count the removal.
            assertThat(uidFetch.untagged()).containsExactly("* 3 FETCH (UID 3 FLAGS ())", "* 1 EXPUNGE");
        }
    }

    @Test
    void theExpungeGoesOutAtTheNextNoop() throws Exception {
        try (RawImap imap = selected()) {
            expungeFirstElsewhere();
            imap.command("a FETCH 2 (FLAGS)").expectOk();
            assertThat(imap.command("b NOOP").expectOk().untagged()).containsExactly("* 1 EXPUNGE");
            assertThat(imap.command("c FETCH 1 (UID)").expectOk().untagged()).containsExactly("* 1 FETCH (UID 2)");
        }
    }

    @Test
    void aBodyOfAMessageExpungedElsewhereIsExpungeIssuedAndTheStreamStaysWhole() throws Exception {
        try (RawImap imap = selected()) {
            expungeFirstElsewhere();
            RawImap.Result fetch = imap.command("a FETCH 1:2 (BODY.PEEK[])");
            assertThat(fetch.tagged()).startsWith("a NO [EXPUNGEISSUED]");
            assertThat(fetch.untagged()).singleElement().asString()
                    .startsWith("* 2 FETCH (BODY[] {" + ImapTestServer.message(2).length() + "}\r\n")
                    .endsWith("body 2\r\n)");
            assertThat(imap.command("b NOOP").expectOk().untagged()).containsExactly("* 1 EXPUNGE");
            assertThat(imap.command("c FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])").expectOk().untagged())
                    .containsExactly("* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {22}\r\nSubject: message 2\r\n\r\n)");
        }
    }

    @Test
    void aBodyFetchWithoutPeekSetsSeenAndSaysSo() throws Exception {
        try (RawImap imap = selected()) {
            RawImap.Result fetch = imap.command("a FETCH 2 (BODY[TEXT])").expectOk();
            assertThat(fetch.untagged()).containsExactly("* 2 FETCH (BODY[TEXT] {8}\r\nbody 2\r\n FLAGS (\\Seen))");
            assertThat(imap.command("b NOOP").expectOk().untagged()).isEmpty(); // not told twice
            imap.command("c EXAMINE INBOX").expectOk();
            assertThat(imap.command("d FETCH 3 (BODY[TEXT])").expectOk().untagged()).containsExactly("* 3 FETCH (BODY[TEXT] {8}\r\nbody 3\r\n)");
            assertThat(imap.command("e FETCH 3 (FLAGS)").expectOk().untagged()).containsExactly("* 3 FETCH (FLAGS ())");
        }
    }

    @Test
    void newMailReachesAnIdlingClientAsExists() throws Exception {
        try (RawImap imap = selected()) {
            List<Long> millis = new ArrayList<>();
            for (int round = 0; round < 7; round++) {
                imap.send("i" + round + " IDLE\r\n");
                assertThat(imap.line()).startsWith("+ ");
                long start = System.nanoTime();
                deliverOverSmtp("new " + round);
                assertThat(imap.line()).isEqualTo("* " + (4 + round) + " EXISTS");
                millis.add((System.nanoTime() - start) / 1_000_000);
                imap.send("DONE\r\n");
                assertThat(imap.until("i" + round).tagged()).startsWith("i" + round + " OK");
            }
            millis.sort(null);
            System.out.println("delivery over SMTP to EXISTS at an idling client, ms (sorted): " + millis);
            assertThat(millis.get(millis.size() / 2)).as("median, ms").isLessThan(500);
        }
    }

    @Test
    void commandsPipelinedAfterDoneInOnePacketAreAnswered() throws Exception {
        try (RawImap imap = selected()) {
            imap.send("a IDLE\r\n");
            assertThat(imap.line()).startsWith("+ ");
            deliverOverSmtp("fourth");
            assertThat(imap.line()).isEqualTo("* 4 EXISTS");
            // iOS 18 sends DONE and its next commands in one packet.
            imap.send("DONE\r\nb UID FETCH 4 (FLAGS)\r\nc STORE 4 +FLAGS (\\Seen)\r\nd NOOP\r\n");
            assertThat(imap.until("a").tagged()).startsWith("a OK");
            assertThat(imap.until("b").untagged()).containsExactly("* 4 FETCH (UID 4 FLAGS ())");
            assertThat(imap.until("c").untagged()).containsExactly("* 4 FETCH (FLAGS (\\Seen) UID 4)");
            assertThat(imap.until("d").tagged()).startsWith("d OK");
        }
    }

    @Test
    void anExpungeElsewhereReachesAnIdlingClient() throws Exception {
        try (RawImap imap = selected()) {
            imap.send("a IDLE\r\n");
            assertThat(imap.line()).startsWith("+ ");
            expungeFirstElsewhere();
            // IDLE is a command in progress: EXPUNGE may go out (RFC 3501 7.4.1, RFC 2177). The other session's
            // \Deleted may come first, if the idler was woken between its STORE and its EXPUNGE.
            String line = imap.line();
            if (line.startsWith("* 1 FETCH")) {
                assertThat(line).isEqualTo("* 1 FETCH (FLAGS (\\Deleted) UID 1)");
                line = imap.line();
            }
            assertThat(line).isEqualTo("* 1 EXPUNGE");
            imap.send("DONE\r\n");
            assertThat(imap.until("a").tagged()).startsWith("a OK");
        }
    }

    void deliverOverSmtp(String subject) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO laptop.office.test");
            assertThat(smtp.command("MAIL FROM:<bob@office.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: " + subject + "\r\n\r\nhello\r\n.")).startsWith("250");
        }
    }
}
