package org.postroom.store.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.store.folder.FolderBasicsTest.ALICE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.MaildirStore;

/**
 * Issue 11 "Scale": a big folder is read from its names (no stat, no open per message), a change costs no listing,
 * and the quota check after a delivery lists only what changed. 20,000 messages by default (the suite's time);
 * {@code -Dpostroom.scale.count=100000} for the figure (printed).
 */
class FolderScaleTest {
    private static final int COUNT = Integer.getInteger("postroom.scale.count", 20_000);

    @TempDir
    Path dir;

    @Test
    void aBigFolderLoadsFromItsNamesAndAChangeListsNothing() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        Path maildir = store.maildir(ALICE).root();
        store.folders(ALICE).open("INBOX").snapshot(); // creates it, with its counters
        byte[] body = "Subject: x\r\n\r\n".concat("y".repeat(5000)).concat("\r\n").getBytes();
        long fillStart = System.nanoTime();
        for (int i = 1; i <= COUNT; i++) {
            Files.write(maildir.resolve("new").resolve("1733000000.M" + i + "P1Q" + i + ".fill,S=" + body.length), body);
        }
        System.out.printf("filled %d messages into new/ in %d ms%n", COUNT, (System.nanoTime() - fillStart) / 1_000_000);

        long start = System.nanoTime();
        FolderSnapshot first = new MaildirStore(dir, "mx.test").folders(ALICE).open("INBOX").snapshot();
        long assignMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(first.messages()).hasSize(COUNT);

        start = System.nanoTime();
        Folder cold = new MaildirStore(dir, "mx.test").folders(ALICE).open("INBOX"); // a new process: nothing in memory
        FolderSnapshot loaded = cold.snapshot();
        long coldMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(loaded.messages()).hasSize(COUNT);
        assertThat(loaded.messages().getLast().uid()).isEqualTo(COUNT);

        start = System.nanoTime();
        for (int i = 0; i < 100; i++) cold.snapshot();
        long warmMicros = (System.nanoTime() - start) / 100_000;

        start = System.nanoTime();
        cold.store(List.of((long) COUNT), new Folder.FlagChange(Folder.FlagChange.Mode.ADD, MessageInfo.SEEN, Set.of()), Long.MAX_VALUE);
        FolderSnapshot after = cold.snapshot();
        long storeMicros = (System.nanoTime() - start) / 1000;
        assertThat(after.messages().getLast().has(MessageInfo.SEEN)).isTrue();

        MaildirStore server = new MaildirStore(dir, "mx.test");
        Folder inbox = server.folders(ALICE).open("INBOX");
        inbox.snapshot();
        server.usage(ALICE);
        start = System.nanoTime();
        server.deliver(List.of(ALICE), out -> out.write(body));
        long usage = server.usage(ALICE); // the router's quota check: new/ is listed, cur/ comes from memory
        long deliverAndQuotaMicros = (System.nanoTime() - start) / 1000;
        assertThat(usage).isEqualTo((long) (COUNT + 1) * body.length);

        System.out.printf("%d messages: first snapshot giving every UID %d ms; cold snapshot (new process) %d ms; "
                + "warm snapshot %d us; STORE + snapshot %d us; delivery + quota check %d us%n",
                COUNT, assignMillis, coldMillis, warmMicros, storeMicros, deliverAndQuotaMicros);
        assertThat(coldMillis).as("cold snapshot of %d messages", COUNT).isLessThan(COUNT / 20 + 500); // 100,000: under 5.5 s even on a slow disk
        assertThat(warmMicros).as("a snapshot when nothing changed").isLessThan(2000);
    }
}
