package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;
import org.postroom.testing.Transcript;

/**
 * What a careless or hostile client can send, byte for byte: over-long command and text lines, NUL and invalid
 * UTF-8, bare LF and bare CR in the message (SMTP smuggling), commands out of order, and plaintext pipelined
 * behind STARTTLS. Each refusal is checked for its exact code, for what reached the Maildir, and for the session
 * still being in step afterwards.
 */
class SmtpBadInputTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    /** Greeting, EHLO, MAIL and RCPT for alice; the session is ready for DATA or BDAT. */
    private RawSmtp transactionForAlice() throws Exception {
        RawSmtp smtp = RawSmtp.connect(postroom.smtpPort());
        assertThat(smtp.reply()).startsWith("220 ");
        assertThat(smtp.command("EHLO client.example")).startsWith("250-");
        assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
        assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
        return smtp;
    }

    @Test
    void aCommandLineOf512OctetsIsTheLimit() throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            String atLimit = "NOOP " + "x".repeat(505); // 510 octets + CRLF = 512
            assertThat(smtp.command(atLimit)).startsWith("250 2.0.0 ");
            assertThat(smtp.command(atLimit + "x")).startsWith("500 5.5.2 ");
            assertThat(smtp.command("NOOP " + "y".repeat(5000))).startsWith("500 5.5.2 ");
            assertThat(smtp.command("EHLO client.example")).startsWith("250-");
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
        }
    }

    @Test
    void aTextLineOver1000OctetsRefusesTheMessageAfterTheDot() throws Exception {
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(smtp.command("DATA")).startsWith("354 ");
            smtp.send("Subject: long\r\n\r\n" + "x".repeat(1500) + "\r\nshort line\r\n");
            assertThat(smtp.silenceFor(300)).as("no reply before the final dot").isNull();
            assertThat(smtp.command(".")).startsWith("500 5.5.2 ");
            assertThat(postroom.delivered("alice")).isEmpty();

            // 998 octets + CRLF is the longest line allowed (RFC 5321 4.5.3.1.6), and the session is in step.
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
            assertThat(smtp.command("DATA")).startsWith("354 ");
            assertThat(smtp.command("Subject: at the limit\r\n\r\n" + "y".repeat(998) + "\r\n.")).startsWith("250 2.0.0 ");
        }
        assertThat(postroom.delivered("alice")).hasSize(1);
        assertThat(postroom.readDelivered(postroom.delivered("alice").getFirst())).endsWith("\r\n\r\n" + "y".repeat(998) + "\r\n");
    }

    @Test
    void theDotRightAfterAnOverlongLineEndsTheData() throws Exception {
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(smtp.command("DATA")).startsWith("354 ");
            // The long line's CRLF lies beyond the cut-off; the dot after it still ends the data (no hang until the timeout).
            assertThat(smtp.command("Subject: long\r\n\r\n" + "x".repeat(5000) + "\r\n.")).startsWith("500 5.5.2 ");
            assertThat(smtp.command("NOOP")).startsWith("250 2.0.0 ");

            // An overlong line ending in a bare LF: the dot after it is content, not the end (RFC 5321 4.1.1.4).
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
            assertThat(smtp.command("DATA")).startsWith("354 ");
            smtp.send("Subject: long\r\n\r\n" + "x".repeat(5000) + "\n.\r\n");
            assertThat(smtp.silenceFor(300)).as("LF.CRLF must not end the data").isNull();
            assertThat(smtp.command(".")).startsWith("500 5.5.2 ");
        }
        assertThat(postroom.delivered("alice")).isEmpty();
    }

    @Test
    void aDotAfterABareLfDoesNotEndDataAndTheMessageIsRefused() throws Exception {
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(smtp.command("DATA")).startsWith("354 ");
            smtp.send("Subject: bare\r\n\r\nfirst\n.\n");
            assertThat(smtp.silenceFor(400)).as("LF.LF must not end the data").isNull();
            smtp.send("more text\r\n");
            assertThat(smtp.silenceFor(200)).isNull();
            assertThat(smtp.command(".")).startsWith("550 5.6.0 ");
            assertThat(smtp.command("NOOP")).startsWith("250 2.0.0 ");
        }
        assertThat(postroom.delivered("alice")).isEmpty();
    }

    @Test
    void aBareCrInTheMessageIsRefused() throws Exception {
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(smtp.command("DATA")).startsWith("354 ");
            smtp.send("Subject: bare\r\n\r\nfirst\r.\rsecond\r\n");
            assertThat(smtp.silenceFor(300)).as("CR.CR must not end the data").isNull();
            assertThat(smtp.command(".")).startsWith("550 5.6.0 ");
            assertThat(smtp.command("NOOP")).startsWith("250 2.0.0 ");
        }
        assertThat(postroom.delivered("alice")).isEmpty();
    }

    @Test
    void aBareLfAtTheEndOfTheDotLineDoesNotEndData() throws Exception {
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(smtp.command("DATA")).startsWith("354 ");
            smtp.send("Subject: bare\r\n\r\nfirst\r\n.\nsecond\r\n");
            assertThat(smtp.silenceFor(300)).as("CRLF.LF must not end the data").isNull();
            assertThat(smtp.command(".")).startsWith("550 5.6.0 ");
        }
        assertThat(postroom.delivered("alice")).isEmpty();
    }

    /**
     * SMTP smuggling (CVE-2023-51766 and the 2023 SEC Consult report): {@code <LF>.<CR><LF>} is not the end of
     * data. A server that takes it as the end runs what follows as commands, so a second message rides inside the
     * first past the sending server's checks.
     */
    @Test
    void aDotAfterABareLfThenCrLfDoesNotEndDataAndNothingIsSmuggled() throws Exception {
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(smtp.command("DATA")).startsWith("354 ");
            smtp.send("Subject: outer\r\n\r\nouter\n.\r\n"
                    + "MAIL FROM:<ceo@office.test>\r\nRCPT TO:<alice@office.test>\r\nDATA\r\n"
                    + "Subject: smuggled\r\n\r\nwire the money\r\n");
            assertThat(smtp.silenceFor(400)).as("LF.CRLF must not end the data").isNull();
            assertThat(smtp.command(".")).startsWith("550 5.6.0 ");
            assertThat(smtp.command("NOOP")).startsWith("250 2.0.0 ");
        }
        assertThat(postroom.delivered("alice")).isEmpty();
    }

    @Test
    void nulAndInvalidUtf8InACommandAreRefusedAndTheSessionGoesOn() throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            assertThat(smtp.command("EHLO client.example")).startsWith("250-");
            smtp.send("NOOP a\0b\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(smtp.reply()).startsWith("500 5.5.2 ");
            smtp.send(new byte[] {'M', 'A', 'I', 'L', ' ', 'F', 'R', 'O', 'M', ':', '<', 'b', (byte) 0xC3, '@', 'x', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e', '>', '\r', '\n'});
            assertThat(smtp.reply()).startsWith("500 5.5.2 ");
            smtp.send(new byte[] {'N', 'O', 'O', 'P', ' ', (byte) 0xFF, (byte) 0xFE, '\r', '\n'});
            assertThat(smtp.reply()).startsWith("500 5.5.2 ");
            // The MAIL above was not taken: a new one is not "nested".
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
        }
    }

    /** RFC 3207 5 and CVE-2011-0411: what came in plaintext behind STARTTLS must not be run after the handshake. */
    @Test
    void commandsPipelinedBehindStartTlsAreDiscarded() throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            assertThat(smtp.command("EHLO client.example")).contains("250-STARTTLS");
            smtp.send("STARTTLS\r\nMAIL FROM:<injected@evil.example>\r\nRCPT TO:<alice@office.test>\r\n");
            assertThat(smtp.reply()).startsWith("220 2.0.0 ");
            smtp.startTls();
            String ehlo = smtp.command("EHLO client.example");
            assertThat(ehlo).startsWith("250-mx.office.test greets client.example\n").doesNotContain("STARTTLS");
            assertThat(smtp.command("NOOP")).startsWith("250 2.0.0 ");
            // No transaction was left behind by the injected MAIL.
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("503 5.5.1 ");
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
        }
    }

    @Test
    void commandsOutOfOrderAreRefused() throws Exception {
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: MAIL FROM:<bob@example.com>
                S: 503 5.5.1 .*
                C: HELO client.example
                S: 250 .*
                C: RCPT TO:<alice@office.test>
                S: 503 5.5.1 .*
                C: DATA
                S: 503 5.5.1 .*
                C: MAIL FROM:<bob@example.com>
                S: 250 2.1.0 .*
                C: MAIL FROM:<bob@example.com>
                S: 503 5.5.1 .*
                C: DATA
                S: 554 5.5.1 .*
                C: RSET
                S: 250 2.0.0 .*
                C: RCPT TO:<alice@office.test>
                S: 503 5.5.1 .*
                C: QUIT
                S: 221 2.0.0 .*
                S: <closed>
                """);
        assertThat(postroom.delivered("alice")).isEmpty();
    }

    @Test
    void theSmallCommandsAnswerAsTheRfcSays() throws Exception {
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: HELO client.example
                S: 250 .*
                C: VRFY alice
                S: 252 2.5.0 .*
                C: EXPN staff
                S: 502 5.5.1 .*
                C: HELP
                S: 214 2.0.0 .*
                C: NOOP
                S: 250 2.0.0 .*
                C: NOOP anything at all
                S: 250 2.0.0 .*
                C: RSET
                S: 250 2.0.0 .*
                C: RSET now
                S: 501 5.5.4 .*
                C: FROB nicate
                S: 500 5.5.1 .*
                C: QUIT
                S: 221 2.0.0 .*
                S: <closed>
                """);
    }
}
