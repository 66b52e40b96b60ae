package org.postroom.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.TraceSettings;
import org.postroom.testing.MutableClock;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/** {@code [trace] keep}: events older than it are pruned, in small batches, and newer ones stay. The clock is the test's. */
class TraceRetentionTest {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    private void send(String subject) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<carol@outside.test>");
            smtp.command("RCPT TO:<alice@office.test>");
            smtp.command("DATA");
            assertThat(smtp.command("Subject: " + subject + "\r\nMessage-ID: <" + subject + "@outside.test>\r\n\r\nhello\r\n.")).startsWith("250");
        }
    }

    @Test
    void eventsOlderThanKeepArePrunedAndNewerOnesStay() throws Exception {
        postroom = TestPostroom.start(dir, "[trace]\nkeep = \"30d\"\n", clock);
        postroom.addUser("alice");
        send("old");
        clock.advance(Duration.ofDays(20));
        send("recent");
        clock.advance(Duration.ofDays(11)); // "old" is 31 days old now, "recent" 11

        assertThat(postroom.trace().pruneNow()).isEqualTo(2); // accepted + delivered
        assertThat(Traces.find(postroom, "old@outside.test")).isEmpty();
        assertThat(Traces.find(postroom, "recent@outside.test")).hasSize(1);
        assertThat(Traces.find(postroom, "alice@office.test")).hasSize(1); // its address rows went with it
    }

    @Test
    void aLargePruneGoesInSmallBatchesWhileEventsKeepComing() throws Exception {
        try (Trace trace = Trace.open(dir, new TraceSettings(true, Duration.ofDays(1), false), clock)) {
            for (int i = 0; i < 1_700; i++) {
                trace.record(Event.of(clock.instant(), EventKind.DELIVERED, "smtp", "old" + i, List.of("alice@office.test"), Map.of()));
            }
            clock.advance(Duration.ofDays(2));
            Thread pruner = Thread.ofVirtual().start(trace::pruneNow);
            // Recorded durably while the prune runs: the writer takes it between two batches.
            trace.recordDurably(List.of(Event.of(clock.instant(), EventKind.DELIVERED, "smtp", "new", List.of("alice@office.test"), Map.of())));
            pruner.join();
            trace.flush();
            assertThat(Traces.find(dir, "alice@office.test")).extracting(MessageStory::message).containsExactly("new");
        }
    }
}
