package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.Drip;
import org.postroom.testing.RawPop3;
import org.postroom.testing.TestPostroom;

/**
 * Issue 10 item 11 for POP3: a command line must arrive whole within the idle timeout; a client that drips one
 * octet every 300 ms is told {@code -ERR} and closed after it (idle timeout 2 s here), before or after login, and
 * nothing it marked is deleted.
 */
class Pop3SlowClientTest {
    private static final String SMALL_LIMITS = "[pop3]\nport = 0\ntls_port = 0\nidle_timeout = \"2s\"\n";
    private static final Duration DRIP = Duration.ofMillis(300);

    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        postroom.close();
    }

    private static void assertToldAndClosedWithin(RawPop3 pop, long startedNanos, Duration atMost) throws Exception {
        assertThat(pop.line()).startsWith("-ERR ").contains("Timeout");
        assertThat(pop.isClosedByServer()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - startedNanos)).isBetween(Duration.ofMillis(1500), atMost);
    }

    @Test
    void aCommandDrippedBeforeLoginIsCutOffAtTheIdleTimeout() throws Exception {
        postroom = TestPostroom.start(dir, SMALL_LIMITS);
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.expectOk(pop.line());
            try (Drip drip = Drip.start(pop::send, "USER " + "a".repeat(100) + "\r\n", DRIP)) {
                assertToldAndClosedWithin(pop, System.nanoTime(), Duration.ofSeconds(4));
                assertThat(drip.sent()).isLessThan(20);
            }
        }
    }

    @Test
    void aCommandDrippedAfterLoginIsCutOffAndNothingIsDeleted() throws Exception {
        postroom = TestPostroom.start(dir, SMALL_LIMITS);
        postroom.addUser("alice");
        postroom.deliver("alice", "Subject: keep me\r\n\r\nhello\r\n");
        try (RawPop3 pop = RawPop3.login(postroom.pop3Port(), "alice@office.test", TestPostroom.PASSWORD)) {
            pop.expectOk(pop.command("DELE 1"));
            try (Drip drip = Drip.start(pop::send, "QUIT\r\n", Duration.ofMillis(800))) { // QUIT never arrives whole in time
                assertToldAndClosedWithin(pop, System.nanoTime(), Duration.ofSeconds(4));
            }
        }
        Thread.sleep(200); // the session ends after its last words
        assertThat(postroom.mailFiles("alice")).hasSize(1); // in new/, or in cur/ once the INBOX gave it its UID
    }
}
