package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.pop3.client.Pop3Timeouts;

/**
 * Issue 10 item 16: a provider that drips its replies or a message one byte at a time ends the cycle within the
 * deadline, with a clear error for {@code collect status}; one that is slow but keeps to the minimum rate does not.
 * Deadlines here: 1 s a reply, 100 octets/s for messages (production: 2 min, 2 KiB/s).
 */
class CollectDeadlineTest {
    private static final Pop3Timeouts SHORT = new Pop3Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(1), 100);

    @TempDir
    Path dir;
    Office office;
    ScriptedPop3 provider;

    @BeforeEach
    void setUp() throws Exception {
        office = new Office(dir);
        provider = new ScriptedPop3();
    }

    @AfterEach
    void tearDown() throws Exception {
        provider.close();
        office.close();
    }

    @Test
    void aMessageDrippedOneByteAtATimeEndsTheCycleWithinItsDeadline() throws Exception {
        provider.messages.add(ScriptedPop3.message("alice@office.test", "fast@x", 3));
        provider.messages.add(ScriptedPop3.message("bob@office.test", "drip@x", 200));
        provider.dripMessage.set("drip@x"); // one octet every 200 ms: 5 octets/s

        long start = System.nanoTime();
        CycleReport report = office.collect(provider.account(dir), SHORT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(4)); // about 1 s of dripping, not the 20 s the message would take
        assertThat(report.error()).get().asString().contains("too slow", "message 2", "100 octets/s");
        assertThat(office.mailbox("alice")).hasSize(1);
        assertThat(office.mailbox("bob")).isEmpty();
        assertThat(provider.messages).hasSize(2); // no QUIT after a broken download: alice's DELE comes next cycle
    }

    @Test
    void aDrippedReplyEndsTheCycleWithinItsDeadline() throws Exception {
        for (int i = 0; i < 20; i++) provider.messages.add(ScriptedPop3.message("alice@office.test", "m" + i + "@x", 3));
        provider.dripReply.set("LIST");

        long start = System.nanoTime();
        CycleReport report = office.collect(provider.account(dir), SHORT);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(report.error()).get().asString().contains("too slow", "LIST");
        assertThat(office.mailbox("alice")).isEmpty();
    }

    @Test
    void aSlowProviderThatKeepsTheMinimumRateIsNotCutOff() throws Exception {
        provider.messages.add(ScriptedPop3.message("bob@office.test", "slow@x", 2000)); // about 17 KiB
        provider.dripMessage.set("slow@x");
        provider.dripChunk = 1000;
        provider.dripMillis = 100; // 10 KB/s: the whole message takes about 2 s, twice the 1 s a reply may take

        CycleReport report = office.collect(provider.account(dir), SHORT);

        assertThat(report.error()).isEmpty();
        assertThat(office.mailbox("bob")).hasSize(1).first().asString().contains("line 1999");
        assertThat(provider.messages).isEmpty();
    }
}
