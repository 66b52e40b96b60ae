package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;
import org.postroom.testing.Transcript;

/**
 * The configured bounds of a session, each set low and hit exactly: message size (SIZE and actual), recipients
 * per transaction, errors per session, the idle timeout, connections per client, Received headers (loops), and
 * failed logins per client address.
 */
class SmtpLimitsTest {
    private static final String SMTP_PORTS = "[smtp]\nport = 0\nsubmission_port = 0\nsubmissions_port = 0\n";

    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    /** Starts with {@code [smtp]} keys added to the fixture's ports. */
    private void startWithSmtp(String smtpKeys) {
        start(SMTP_PORTS + smtpKeys);
    }

    private void start(String toml) {
        postroom = TestPostroom.start(dir, toml);
        postroom.addUser("alice");
    }

    private RawSmtp transactionForAlice() throws Exception {
        RawSmtp smtp = RawSmtp.connect(postroom.smtpPort());
        assertThat(smtp.reply()).startsWith("220 ");
        assertThat(smtp.command("EHLO client.example")).startsWith("250-");
        assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
        assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
        return smtp;
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedAtMail() throws Exception {
        startWithSmtp("max_message_size = \"10K\"\n");
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: EHLO client.example
                S: 250-.*
                S: 250-PIPELINING
                S: 250-SIZE 10240
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250 HELP
                C: MAIL FROM:<bob@example.com> SIZE=10241
                S: 552 5.3.4 .*
                C: MAIL FROM:<bob@example.com> SIZE=999999999999999999
                S: 552 5.3.4 .*
                C: MAIL FROM:<bob@example.com> SIZE=10240
                S: 250 2.1.0 .*
                """);
    }

    @Test
    void aMessageOverTheLimitIsRefusedAfterTheDotAndTheSessionGoesOn() throws Exception {
        startWithSmtp("max_message_size = \"10K\"\n");
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(smtp.command("DATA")).startsWith("354 ");
            smtp.send("Subject: big\r\n\r\n" + ("z".repeat(98) + "\r\n").repeat(110)); // 11,000 octets
            assertThat(smtp.silenceFor(300)).as("no reply before the final dot").isNull();
            assertThat(smtp.command(".")).startsWith("552 5.3.4 ");
            assertThat(postroom.delivered("alice")).isEmpty();

            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
            assertThat(smtp.command("DATA")).startsWith("354 ");
            assertThat(smtp.command("Subject: small\r\n\r\nfits\r\n.")).startsWith("250 2.0.0 ");
        }
        assertThat(postroom.delivered("alice")).hasSize(1);
        assertThat(postroom.readDelivered(postroom.delivered("alice").getFirst())).endsWith("Subject: small\r\n\r\nfits\r\n");
    }

    @Test
    void recipientsBeyondTheLimitAreDeferred() throws Exception {
        startWithSmtp("max_recipients = 3\n");
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: HELO client.example
                S: 250 .*
                C: MAIL FROM:<bob@example.com>
                S: 250 2.1.0 .*
                C: RCPT TO:<nobody@office.test>
                S: 550 5.1.1 .*
                C: RCPT TO:<alice@office.test>
                S: 250 2.1.5 .*
                C: RCPT TO:<alice+one@office.test>
                S: 250 2.1.5 .*
                C: RCPT TO:<alice+two@office.test>
                S: 250 2.1.5 .*
                C: RCPT TO:<alice+three@office.test>
                S: 452 4.5.3 .*
                C: DATA
                S: 354 .*
                C: Subject: three of four
                C:
                C: hi
                C: .
                S: 250 2.0.0 .*
                """);
        assertThat(postroom.delivered("alice")).hasSize(1);
    }

    @Test
    void tooManyErrorsEndTheSession() throws Exception {
        startWithSmtp("max_errors = 3\n");
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: FOO
                S: 500 5.5.1 .*
                C: NOOP
                S: 250 2.0.0 .*
                C: MAIL FROM:<bob@example.com>
                S: 503 5.5.1 .*
                C: BAR
                S: 500 5.5.1 .*
                S: 421 4.7.0 .*
                S: <closed>
                """);
    }

    @Test
    void anIdleClientIsToldAndDisconnected() throws Exception {
        startWithSmtp("idle_timeout = \"1s\"\n");
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            assertThat(smtp.reply()).startsWith("220 ");
            assertThat(smtp.command("EHLO client.example")).startsWith("250-");
            long started = System.nanoTime();
            assertThat(smtp.reply()).startsWith("421 4.4.2 ");
            assertThat(System.nanoTime() - started).isGreaterThan(800_000_000L);
            assertThat(smtp.isClosedByServer()).isTrue();
        }
    }

    /** RFC 5321 4.5.3.2.7 / 3.8: a server that gives up on a client says 421 first, in DATA as anywhere else. */
    @Test
    void aClientIdleInTheMiddleOfDataIsToldTooAndNothingIsStored() throws Exception {
        startWithSmtp("idle_timeout = \"1s\"\n");
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(smtp.command("DATA")).startsWith("354 ");
            smtp.send("Subject: never finished\r\n\r\nhalf a message\r\n");
            assertThat(smtp.reply()).startsWith("421 4.4.2 ");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
        assertThat(postroom.delivered("alice")).isEmpty();
    }

    @Test
    void aThirdConnectionFromOneClientIsTurnedAway() throws Exception {
        startWithSmtp("max_connections_per_client = 2\n");
        List<RawSmtp> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                RawSmtp smtp = RawSmtp.connect(postroom.smtpPort());
                open.add(smtp);
                assertThat(smtp.reply()).startsWith("220 ");
            }
            try (RawSmtp third = RawSmtp.connect(postroom.smtpPort())) {
                assertThat(third.reply()).startsWith("421 4.7.0 ");
                assertThat(third.isClosedByServer()).isTrue();
            }
            // Once one ends, there is room again.
            assertThat(open.getFirst().command("QUIT")).startsWith("221 ");
            assertThat(open.removeFirst().isClosedByServer()).isTrue();
            String greeting = null;
            for (int attempt = 0; attempt < 40 && (greeting == null || !greeting.startsWith("220 ")); attempt++) {
                try (RawSmtp again = RawSmtp.connect(postroom.smtpPort())) {
                    greeting = again.reply();
                }
                if (!greeting.startsWith("220 ")) Thread.sleep(50);
            }
            assertThat(greeting).startsWith("220 ");
        } finally {
            for (RawSmtp smtp : open) smtp.close();
        }
    }

    @Test
    void fiftyReceivedHeadersPassAndFiftyOneAreALoop() throws Exception {
        start("");
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(smtp.command("DATA")).startsWith("354 ");
            assertThat(smtp.command(received(51) + "Subject: looping\r\n\r\nround and round\r\n.")).startsWith("554 5.4.6 ");
            assertThat(postroom.delivered("alice")).isEmpty();

            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
            assertThat(smtp.command("DATA")).startsWith("354 ");
            assertThat(smtp.command(received(50) + "Subject: far travelled\r\n\r\nstill fine\r\n.")).startsWith("250 2.0.0 ");
        }
        assertThat(postroom.delivered("alice")).hasSize(1);
    }

    private static String received(int count) {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            headers.append("Received: from hop").append(i).append(".example by hop").append(i + 1)
                    .append(".example;\r\n\tMon, 2 Jun 2025 10:00:00 +0000\r\n");
        }
        return headers.toString();
    }

    @Test
    void repeatedFailedLoginsLockTheClientOut() throws Exception {
        // Loopback outside the office networks: there the address is locked, not only the login.
        start("[auth]\nmax_failures = 3\nfailure_delay = \"0s\"\nlockout = \"5m\"\n"
                + "[pop3]\nport = 0\ntls_port = 0\noffice_networks = [\"10.0.0.0/8\"]\n");
        String right = "AUTH PLAIN " + RawSmtp.plain("alice@office.test", TestPostroom.PASSWORD);
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            assertThat(smtp.command("EHLO client.example")).contains("250-AUTH PLAIN LOGIN");
            for (int i = 0; i < 3; i++) {
                assertThat(smtp.command("AUTH PLAIN " + RawSmtp.plain("alice@office.test", "guess " + i))).startsWith("535 5.7.8 ");
            }
            // Locked out now: even the right password is not tried, and the session ends.
            assertThat(smtp.command(right)).startsWith("421 4.7.0 ");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
        // The lockout belongs to the client address, not to the session.
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: EHLO client.example
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250 HELP
                C: %s
                S: 421 4.7.0 .*
                S: <closed>
                """.formatted(right));
    }

    @Test
    void aSuccessfulLoginClearsEarlierFailures() throws Exception {
        start("[auth]\nmax_failures = 3\nfailure_delay = \"0s\"\nlockout = \"5m\"\n");
        String wrong = "AUTH PLAIN " + RawSmtp.plain("alice@office.test", "not the password");
        String right = "AUTH PLAIN " + RawSmtp.plain("alice@office.test", TestPostroom.PASSWORD);
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.example");
            for (int i = 0; i < 2; i++) assertThat(smtp.command(wrong)).startsWith("535 5.7.8 ");
            assertThat(smtp.command(right)).startsWith("235 2.7.0 ");
        }
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.example");
            for (int i = 0; i < 2; i++) assertThat(smtp.command(wrong)).startsWith("535 5.7.8 ");
            assertThat(smtp.command(right)).startsWith("235 2.7.0 ");
        }
    }
}
