package org.postroom.store.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.store.folder.FolderBasicsTest.ALICE;
import static org.postroom.store.folder.FolderBasicsTest.curNames;
import static org.postroom.store.folder.FolderBasicsTest.deliver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.MaildirStore;

/**
 * UIDs and UIDVALIDITY live in the files (names and the counters file), not in memory: a new process, a lost cache, a
 * crash between the UID reservation and the renames, none of them changes a UID or hands one out twice.
 */
class FolderDurabilityTest {
    @TempDir
    Path dir;

    private record Seen(long uidValidity, List<Long> uids, List<String> uniqueNames) {}

    private static Seen look(Path dir) throws Exception {
        FolderSnapshot s = new MaildirStore(dir, "mx.test").folders(ALICE).open("INBOX").snapshot(); // a fresh process's view
        return new Seen(s.uidValidity(), s.messages().stream().map(MessageInfo::uid).toList(),
                s.messages().stream().map(MessageInfo::uniqueName).toList());
    }

    @Test
    void uidsAndUidValiditySurviveAReopen() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        for (int i = 0; i < 3; i++) deliver(store, "m" + i);
        Folder inbox = store.folders(ALICE).open("INBOX");
        inbox.snapshot();
        inbox.expunge(List.of(2L));
        Seen before = look(dir);

        assertThat(before.uids()).containsExactly(1L, 3L);
        assertThat(look(dir)).isEqualTo(before);
        deliver(new MaildirStore(dir, "mx.test"), "after");
        assertThat(look(dir).uids()).containsExactly(1L, 3L, 4L); // 2 is never given again
    }

    @Test
    void theModseqCacheMayBeLostButModseqsNeverFall() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        Folder inbox = store.folders(ALICE).open("INBOX");
        inbox.snapshot();
        long stored = inbox.store(List.of(1L), new Folder.FlagChange(Folder.FlagChange.Mode.ADD, MessageInfo.SEEN, Set.of()), Long.MAX_VALUE)
                .changed().getFirst().modSeq();

        FolderSnapshot fresh = new MaildirStore(dir, "mx.test").folders(ALICE).open("INBOX").snapshot();
        assertThat(fresh.highestModSeq()).isGreaterThan(stored);
        assertThat(fresh.messages().getFirst().modSeq()).isGreaterThan(stored);
        assertThat(fresh.messages().getFirst().has(MessageInfo.SEEN)).isTrue();
    }

    @Test
    void theIndexKeepsModseqsAcrossARestartOnceTheFolderFellIdle() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        deliver(store, "two");
        Folder inbox = store.folders(ALICE).open("INBOX");
        AutoCloseable session = inbox.listen(() -> { });
        inbox.snapshot();
        inbox.store(List.of(1L), new Folder.FlagChange(Folder.FlagChange.Mode.ADD, MessageInfo.SEEN, Set.of()), Long.MAX_VALUE);
        FolderSnapshot before = inbox.snapshot();
        Path index = store.maildir(ALICE).root().resolve(FolderIndex.NAME);
        assertThat(index).doesNotExist(); // in use: memory is the index
        session.close(); // the last session leaves
        assertThat(index).exists();

        FolderSnapshot after = new MaildirStore(dir, "mx.test").folders(ALICE).open("INBOX").snapshot();
        assertThat(after.messages()).isEqualTo(before.messages()); // same UIDs, flags and MODSEQs
        assertThat(after.highestModSeq()).isEqualTo(before.highestModSeq());

        // A hand edit while nobody had the folder open: that message alone gets a new, higher MODSEQ.
        Path cur = store.maildir(ALICE).root().resolve("cur");
        String two = FolderSharingTest.fileWithUid(cur, 2);
        Files.move(cur.resolve(two), cur.resolve(two.replace(":2,", ":2,F")));
        FolderSnapshot edited = new MaildirStore(dir, "mx.test").folders(ALICE).open("INBOX").snapshot();
        assertThat(edited.messages().get(0).modSeq()).isEqualTo(before.messages().get(0).modSeq());
        assertThat(edited.messages().get(1).modSeq()).isGreaterThan(before.highestModSeq());
        assertThat(index).doesNotExist(); // no longer exact

        // Deleting the index by hand costs MODSEQs, never a UID.
        FolderSnapshot again = new MaildirStore(dir, "mx.test").folders(ALICE).open("INBOX").snapshot();
        assertThat(again.messages()).extracting(MessageInfo::uid).containsExactly(1L, 2L);
        assertThat(again.uidValidity()).isEqualTo(before.uidValidity());
        assertThat(again.highestModSeq()).isGreaterThan(edited.highestModSeq());
    }

    @Test
    void aCrashAfterTheReservationSkipsUidsButNeverReusesOne() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        Path maildir = store.maildir(ALICE).root();
        long validity = store.folders(ALICE).open("INBOX").snapshot().uidValidity();
        // A process reserved UIDs 2..11 (durable), then died before renaming any file with them.
        UidFile.write(maildir, new UidFile.Counters(validity, 12, 50));
        deliver(new MaildirStore(dir, "mx.test"), "two");

        Seen after = look(dir);
        assertThat(after.uidValidity()).isEqualTo(validity);
        assertThat(after.uids()).containsExactly(1L, 12L);
    }

    @Test
    void aCrashAfterARenameBeforeTheCountersMovedStillNeverReusesTheUid() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        Path maildir = store.maildir(ALICE).root();
        long validity = store.folders(ALICE).open("INBOX").snapshot().uidValidity();
        // A file carries U=7 although the counters say 2 is next (an older copy of the counters, a restore from backup).
        Files.writeString(maildir.resolve("cur/1700000000.M1P1Q1.host,S=4,U=7:2,S"), "x\r\n\r\n");
        UidFile.write(maildir, new UidFile.Counters(validity, 2, 1));
        deliver(new MaildirStore(dir, "mx.test"), "two");

        Seen after = look(dir);
        assertThat(after.uids()).containsExactly(1L, 7L, 8L);
        assertThat(after.uidValidity()).isEqualTo(validity);
    }

    @Test
    void twoFilesClaimingOneUidKeepOneAndTheOtherGetsANewUid() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        Path cur = store.maildir(ALICE).root().resolve("cur");
        store.folders(ALICE).open("INBOX"); // makes the Maildir
        Files.writeString(cur.resolve("a,S=3,U=5:2,"), "a\r\n");
        Files.writeString(cur.resolve("b,S=3,U=5:2,S"), "b\r\n"); // copied by hand from another folder

        Seen seen = look(dir);
        assertThat(seen.uids()).hasSize(2).contains(5L);
        assertThat(seen.uids().getLast()).isGreaterThan(5L);
        assertThat(curNames(store.maildir(ALICE).root())).hasSize(2);
        assertThat(look(dir)).isEqualTo(seen);
    }

    @Test
    void theUniqueNameAndSoThePop3UidlIsKeptWhenAUidIsAdded() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        Path maildir = store.maildir(ALICE).root();
        store.folders(ALICE).open("INBOX");
        Files.writeString(maildir.resolve("new/1700000000.M5P6Q7.old-host"), "Subject: by hand\r\n\r\nx\r\n");
        Files.writeString(maildir.resolve("cur/1700000001.M5P6Q8.old-host,S=99,W=101:2,FS"), "Subject: dovecot's\r\n\r\nx\r\n");

        Seen seen = look(dir);
        assertThat(seen.uniqueNames()).containsExactlyInAnyOrder("1700000000.M5P6Q7.old-host", "1700000001.M5P6Q8.old-host");
        assertThat(curNames(maildir)).containsExactlyInAnyOrder(
                "1700000000.M5P6Q7.old-host,S=23,U=1:2,", "1700000001.M5P6Q8.old-host,S=99,W=101,U=2:2,FS");
    }
}
