package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.Drip;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * Issue 10 item 11: a client that sends a byte now and then does not keep its slot. A command line must arrive
 * whole within the idle timeout, and DATA/BDAT must keep to {@code min_data_rate} (Postfix's rule: each octet buys
 * 1/rate seconds on top of the idle timeout); giving up is {@code 421 4.4.2}, then the close. A slow but steady
 * client is not cut off. Here: idle timeout 2 s, 100 octets/s; drips of one octet every 300 ms.
 */
class SmtpSlowClientTest {
    private static final String SMALL_LIMITS = "[smtp]\nport = 0\nsubmission_port = 0\nsubmissions_port = 0\nidle_timeout = \"2s\"\nmin_data_rate = 100\n";
    private static final Duration DRIP = Duration.ofMillis(300);

    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        postroom.close();
    }

    private RawSmtp greeted() throws Exception {
        RawSmtp smtp = RawSmtp.connect(postroom.smtpPort());
        assertThat(smtp.reply()).startsWith("220 ");
        return smtp;
    }

    private RawSmtp transactionForAlice() throws Exception {
        RawSmtp smtp = greeted();
        assertThat(smtp.command("EHLO client.example")).startsWith("250-");
        assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 ");
        assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 ");
        return smtp;
    }

    /** Reads the server's last words and how long they took from now. */
    private static void assertToldTimeoutWithin(RawSmtp smtp, long startedNanos, Duration atMost) throws Exception {
        assertThat(smtp.reply()).startsWith("421 4.4.2 ");
        assertThat(smtp.isClosedByServer()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - startedNanos)).isBetween(Duration.ofMillis(1500), atMost);
    }

    @Test
    void aCommandLineDrippedAByteAtATimeIsCutOffAtTheIdleTimeout() throws Exception {
        postroom = TestPostroom.start(dir, SMALL_LIMITS);
        try (RawSmtp smtp = greeted(); Drip drip = Drip.start(smtp::send, "EHLO " + "a".repeat(100) + ".example\r\n", DRIP)) {
            long started = System.nanoTime();
            assertToldTimeoutWithin(smtp, started, Duration.ofSeconds(4)); // a timeout per read (300 ms each) never fires
            assertThat(drip.sent()).isLessThan(20);
        }
    }

    @Test
    void dataDrippedAByteAtATimeIsCutOffAndNothingIsStored() throws Exception {
        postroom = TestPostroom.start(dir, SMALL_LIMITS);
        postroom.addUser("alice");
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(smtp.command("DATA")).startsWith("354 ");
            try (Drip drip = Drip.start(smtp::send, "Subject: drip\r\n\r\n" + "x".repeat(500) + "\r\n.\r\n", DRIP)) {
                assertToldTimeoutWithin(smtp, System.nanoTime(), Duration.ofSeconds(4));
            }
        }
        assertThat(postroom.delivered("alice")).isEmpty();
    }

    @Test
    void aBdatChunkDrippedAByteAtATimeIsCutOff() throws Exception {
        postroom = TestPostroom.start(dir, SMALL_LIMITS);
        postroom.addUser("alice");
        try (RawSmtp smtp = transactionForAlice()) {
            smtp.send("BDAT 200 LAST\r\n");
            try (Drip drip = Drip.start(smtp::send, "y".repeat(200), DRIP)) {
                assertToldTimeoutWithin(smtp, System.nanoTime(), Duration.ofSeconds(4));
            }
        }
        assertThat(postroom.delivered("alice")).isEmpty();
    }

    @Test
    void aSlowButSteadyMessageTakesLongerThanTheIdleTimeoutAndIsAccepted() throws Exception {
        postroom = TestPostroom.start(dir, SMALL_LIMITS);
        postroom.addUser("alice");
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(smtp.command("DATA")).startsWith("354 ");
            byte[] message = ("Subject: slow\r\n\r\n" + ("z".repeat(98) + "\r\n").repeat(60) + ".\r\n").getBytes(StandardCharsets.US_ASCII);
            long started = System.nanoTime();
            for (int i = 0; i < message.length; i += 100) { // 100 octets every 50 ms: 2000 octets/s, 20 times the minimum
                smtp.send(java.util.Arrays.copyOfRange(message, i, Math.min(message.length, i + 100)));
                Thread.sleep(50);
            }
            assertThat(smtp.reply()).startsWith("250 ");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(2));
        }
        assertThat(postroom.delivered("alice")).hasSize(1);
    }

    @Test
    void manyDrippingConnectionsAreAllClosedWithinTheIdleTimeout() throws Exception {
        postroom = TestPostroom.start(dir, SMALL_LIMITS);
        List<RawSmtp> clients = new ArrayList<>();
        List<Drip> drips = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                RawSmtp smtp = greeted();
                clients.add(smtp);
                drips.add(Drip.start(smtp::send, "NOOP" + " ".repeat(200) + "\r\n", DRIP));
            }
            long started = System.nanoTime();
            for (RawSmtp smtp : clients) {
                assertThat(smtp.reply()).startsWith("421 4.4.2 ");
                assertThat(smtp.isClosedByServer()).isTrue();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (Drip d : drips) d.close();
            for (RawSmtp c : clients) c.close();
        }
    }
}
