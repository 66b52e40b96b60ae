package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * CHUNKING (RFC 3030): BDAT chunks are counted octets, stored exactly (no dot-stuffing), and always read to
 * the end, even when the command is refused, so the session stays in step with the client.
 */
class SmtpBdatTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        postroom.close();
    }

    private void start(String toml) {
        postroom = TestPostroom.start(dir, toml);
        postroom.addUser("alice");
    }

    private RawSmtp session() throws Exception {
        RawSmtp smtp = RawSmtp.connect(postroom.smtpPort());
        assertThat(smtp.reply()).startsWith("220 ");
        assertThat(smtp.command("EHLO client.example")).contains("250-CHUNKING");
        return smtp;
    }

    private RawSmtp transactionForAlice() throws Exception {
        RawSmtp smtp = session();
        assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
        assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
        return smtp;
    }

    /** Sends the BDAT command and its chunk in one write and returns the reply. */
    private static String bdat(RawSmtp smtp, String chunk, boolean last) throws Exception {
        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
        smtp.send(("BDAT " + bytes.length + (last ? " LAST" : "") + "\r\n" + chunk).getBytes(StandardCharsets.UTF_8));
        return smtp.reply();
    }

    private String onlyMessageOfAlice() {
        assertThat(postroom.delivered("alice")).hasSize(1);
        return postroom.readDelivered(postroom.delivered("alice").getFirst());
    }

    @Test
    void oneLastChunkOfExactlyItsSizeIsAMessage() throws Exception {
        start("");
        try (RawSmtp smtp = transactionForAlice()) {
            smtp.send("BDAT 5 LAST\r\nabc\r\n");
            assertThat(smtp.reply()).matches("250 2\\.0\\.0 Ok: queued as \\w+");
            assertThat(smtp.command("NOOP")).startsWith("250 2.0.0 ");
        }
        assertThat(onlyMessageOfAlice()).matches("(?s)Return-Path: <bob@example\\.com>\r\nReceived: .*[+-]\\d{4}\r\nabc\r\n");
    }

    @Test
    void chunksAreJoinedAndStoredWithoutDotUnstuffing() throws Exception {
        start("");
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(bdat(smtp, "Subject: in ", false)).startsWith("250 2.0.0 ");
            assertThat(bdat(smtp, "pieces\r\n\r\n.\r\n..two dots\r\nQUIT\r\n", false)).startsWith("250 2.0.0 ");
            assertThat(bdat(smtp, "", true)).startsWith("250 2.0.0 Ok: queued as ");
        }
        assertThat(onlyMessageOfAlice()).endsWith("\r\nSubject: in pieces\r\n\r\n.\r\n..two dots\r\nQUIT\r\n");
    }

    @Test
    void aChunkForATransactionWithoutRecipientsIsReadAndRefused() throws Exception {
        start("");
        try (RawSmtp smtp = session()) {
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("RCPT TO:<nobody@office.test>")).startsWith("550 5.1.1 ");
            // The chunk holds what would be commands if the server read it as such.
            assertThat(bdat(smtp, "RSET\r\nQUIT\r\n", true)).startsWith("554 5.5.1 ");
            assertThat(smtp.command("NOOP")).startsWith("250 2.0.0 ");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
        }
        assertThat(postroom.delivered("alice")).isEmpty();
    }

    @Test
    void aChunkWithoutMailIsReadAndRefused() throws Exception {
        start("");
        try (RawSmtp smtp = session()) {
            assertThat(bdat(smtp, "MAIL FROM:<x@example.com>\r\n", true)).startsWith("503 5.5.1 ");
            assertThat(smtp.command("NOOP")).startsWith("250 2.0.0 ");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("503 5.5.1 ");
        }
    }

    @Test
    void chunksOverTheSizeLimitAreReadAndTheMessageRefused() throws Exception {
        start("[smtp]\nport = 0\nsubmission_port = 0\nsubmissions_port = 0\nmax_message_size = \"10K\"\n");
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(bdat(smtp, "a".repeat(6000), false)).startsWith("250 2.0.0 ");
            assertThat(bdat(smtp, "b".repeat(6000), false)).startsWith("552 5.3.4 ");
            assertThat(bdat(smtp, "c".repeat(10), true)).startsWith("552 5.3.4 ");
            assertThat(smtp.command("NOOP")).startsWith("250 2.0.0 ");
            // A new transaction starts clean.
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
            assertThat(bdat(smtp, "Subject: small\r\n\r\nfits\r\n", true)).startsWith("250 2.0.0 ");
        }
        assertThat(onlyMessageOfAlice()).endsWith("\r\nSubject: small\r\n\r\nfits\r\n");
    }

    @Test
    void dataCannotFollowBdatInOneTransaction() throws Exception {
        start("");
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(bdat(smtp, "Subject: half\r\n", false)).startsWith("250 2.0.0 ");
            assertThat(smtp.command("DATA")).startsWith("503 5.5.1 ");
            assertThat(smtp.command("RSET")).startsWith("250 2.0.0 ");
        }
        assertThat(postroom.delivered("alice")).isEmpty();
    }
}
