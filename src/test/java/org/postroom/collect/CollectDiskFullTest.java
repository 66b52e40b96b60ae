package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.CollectAccount;
import org.postroom.testing.SmallDisk;

/**
 * Issue 10 item 8 in the collector: a download larger than the 1 MiB kept in memory spills to
 * {@code data/collect/tmp/}; when that disk is full the spill file is removed at once, the message stays at the
 * provider (no DELE), the cycle ends with QUIT (what was stored before is deleted) and says "disk full".
 */
class CollectDiskFullTest {
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

    /** Like {@link ScriptedPop3#message}, with 100-octet lines: a few thousand make megabytes. */
    private static String message(String to, String id, int bodyLines) {
        StringBuilder m = new StringBuilder("Delivered-To: " + to + "\r\nFrom: x@outside.test\r\nMessage-ID: <" + id + ">\r\n\r\n");
        for (int i = 0; i < bodyLines; i++) m.append("line ").append(i).append(" ").append("y".repeat(90)).append("\r\n");
        return m.toString();
    }

    @Test
    void aDownloadTheDiskCannotHoldStaysAtTheProviderAndTheCycleEndsCleanly() throws Exception {
        provider.messages.add(message("alice@office.test", "small1@x", 10));
        provider.messages.add(message("bob@office.test", "huge@x", 30_000)); // about 3 MiB
        provider.messages.add(message("carol@office.test", "small2@x", 10));
        CollectAccount account = provider.account(dir);

        CycleReport full;
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("collect").resolve("tmp"), 1536 << 10)) {
            full = office.collect(account);
            assertThat(disk.files()).isEmpty(); // the spill file did not stay to keep the disk full
        }
        assertThat(full.error()).get().asString().contains("disk full", "collect/tmp", "left at the provider");
        assertThat(office.mailbox("alice")).hasSize(1);
        assertThat(office.mailbox("bob")).isEmpty();
        assertThat(provider.messages).hasSize(2) // QUIT came: alice's DELE applied; bob's never sent; carol's not reached
                .noneMatch(m -> m.contains("small1@x"));

        CycleReport later = office.collect(account); // room again
        assertThat(later.error()).isEmpty();
        assertThat(office.mailbox("alice")).hasSize(1);
        assertThat(office.mailbox("bob")).hasSize(1).first().asString().contains("line 29999");
        assertThat(office.mailbox("carol")).hasSize(1);
        assertThat(provider.messages).isEmpty();
    }
}
