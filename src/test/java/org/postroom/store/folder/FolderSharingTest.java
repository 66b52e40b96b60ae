package org.postroom.store.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.store.folder.FolderBasicsTest.ALICE;
import static org.postroom.store.folder.FolderBasicsTest.deliver;
import static org.postroom.store.folder.FolderBasicsTest.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.MaildirStore;

/** Sessions on one folder share one state: each hears the others' changes, and hand edits are found by a rescan. */
class FolderSharingTest {
    @TempDir
    Path dir;

    @Test
    void twoUsersOfOneFolderHearEachOthersChanges() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        deliver(store, "two");
        Folder first = store.folders(ALICE).open("INBOX");
        Folder second = store.folders(ALICE).open("INBOX");
        first.snapshot();
        AtomicInteger heardBySecond = new AtomicInteger();
        AtomicInteger heardByFirst = new AtomicInteger();
        try (AutoCloseable a = second.listen(heardBySecond::incrementAndGet); AutoCloseable b = first.listen(heardByFirst::incrementAndGet)) {
            first.store(List.of(1L), new Folder.FlagChange(Folder.FlagChange.Mode.ADD, MessageInfo.FLAGGED, Set.of()), Long.MAX_VALUE);
            assertThat(heardBySecond.get()).isEqualTo(1);
            assertThat(second.snapshot().messages().getFirst().has(MessageInfo.FLAGGED)).isTrue();

            second.expunge(List.of(2L));
            assertThat(heardByFirst.get()).isEqualTo(2);
            assertThat(first.snapshot().messages()).extracting(MessageInfo::uid).containsExactly(1L);

            Folder sent = store.folders(ALICE).open("INBOX"); // an APPEND by a third
            sent.append(out -> out.write(message("appended")), 0, Set.of(), null);
            assertThat(heardBySecond.get()).isEqualTo(3);
            assertThat(first.snapshot().messages()).extracting(MessageInfo::uid).containsExactly(1L, 3L);
        }
    }

    @Test
    void aMoveIsHeardInBothFoldersAndKeepsFlagsKeywordsAndTheUniqueName() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        UserFolders folders = store.folders(ALICE);
        folders.create("Archive/2024");
        Folder inbox = folders.open("INBOX");
        Folder archive = folders.open("Archive/2024");
        inbox.snapshot();
        inbox.store(List.of(1L), new Folder.FlagChange(Folder.FlagChange.Mode.ADD, MessageInfo.SEEN, Set.of("Work")), Long.MAX_VALUE);
        String unique = inbox.snapshot().messages().getFirst().uniqueName();
        AtomicInteger heard = new AtomicInteger();
        try (AutoCloseable a = inbox.listen(heard::incrementAndGet); AutoCloseable b = archive.listen(heard::incrementAndGet)) {
            Folder.CopyResult moved = inbox.move(List.of(1L), archive);
            assertThat(moved.sourceUids()).containsExactly(1L);
            assertThat(moved.targetUids()).containsExactly(1L);
            assertThat(moved.uidValidity()).isEqualTo(archive.snapshot().uidValidity());
            assertThat(heard.get()).isEqualTo(2);
        }
        assertThat(inbox.snapshot().messages()).isEmpty();
        MessageInfo m = archive.snapshot().messages().getFirst();
        assertThat(m.uniqueName()).isEqualTo(unique);
        assertThat(m.has(MessageInfo.SEEN)).isTrue();
        assertThat(archive.snapshot().keywords().get(Long.numberOfTrailingZeros(m.keywords()))).isEqualTo("Work");
    }

    @Test
    void aCopyIsANewMessageWithItsOwnUniqueName() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        UserFolders folders = store.folders(ALICE);
        Folder inbox = folders.open("INBOX");
        inbox.snapshot();
        Folder.CopyResult copied = inbox.copy(List.of(1L, 9L), inbox); // COPY into the same folder is allowed
        assertThat(copied.sourceUids()).containsExactly(1L);
        assertThat(copied.targetUids()).containsExactly(2L);
        List<MessageInfo> messages = inbox.snapshot().messages();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).uniqueName()).isNotEqualTo(messages.get(1).uniqueName()); // POP3 must see two UIDLs
        assertThat(FolderBasicsTest.read(inbox, messages.get(1))).contains("Subject: one");
        assertThat(inbox.internalDate(messages.get(1))).isEqualTo(inbox.internalDate(messages.get(0)));
    }

    @Test
    void handEditsAreFoundByARescanAndNothingIsListedWhenNothingChanged() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        deliver(store, "two");
        Folder inbox = store.folders(ALICE).open("INBOX");
        FolderSnapshot before = inbox.snapshot();
        assertThat(inbox.snapshot()).isSameAs(before);
        Path cur = store.maildir(ALICE).root().resolve("cur");
        AtomicInteger heard = new AtomicInteger();
        inbox.listen(heard::incrementAndGet);

        String firstName = fileWithUid(cur, 1);
        Thread.sleep(20); // a directory time that moves on coarse clocks too
        Files.move(cur.resolve(firstName), cur.resolve(firstName.replace(":2,", ":2,FS"))); // mutt flags it
        Files.delete(cur.resolve(fileWithUid(cur, 2))); // someone deletes one
        Files.writeString(store.maildir(ALICE).root().resolve("new/1700000000.M1P1Q1.elsewhere"), "Subject: copied in\r\n\r\nx\r\n");
        FolderSnapshot after = inbox.snapshot();

        assertThat(after.messages()).extracting(MessageInfo::uid).containsExactly(1L, 3L);
        assertThat(after.messages().getFirst().flags()).isEqualTo(MessageInfo.FLAGGED | MessageInfo.SEEN);
        assertThat(after.messages().getFirst().modSeq()).isGreaterThan(before.highestModSeq());
        assertThat(after.highestModSeq()).isGreaterThan(before.highestModSeq());
        assertThat(heard.get()).isEqualTo(1);
    }

    @Test
    void aFileRenamedByAnotherReaderIsStillOpenedThroughItsFolder() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        Folder inbox = store.folders(ALICE).open("INBOX");
        MessageInfo m = inbox.snapshot().messages().getFirst();
        Path cur = store.maildir(ALICE).root().resolve("cur");
        String name = fileWithUid(cur, 1);
        Files.move(cur.resolve(name), cur.resolve(name.replace(":2,", ":2,RS"))); // Dovecot answered it, same second
        assertThat(FolderBasicsTest.read(inbox, m)).contains("Subject: one");
    }

    @Test
    void aFileLinkedInTheSameClockTickAsOurLastChangeIsStillFound() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        Folder inbox = store.folders(ALICE).open("INBOX");
        inbox.snapshot(); // moved into cur/: new/ changed, and its time was recorded
        Path newDir = store.maildir(ALICE).root().resolve("new");
        java.nio.file.attribute.FileTime tick = Files.getLastModifiedTime(newDir);
        // Another process (the CLI's collector: no event reaches this registry) links a file within the same tick.
        new MaildirStore(dir, "other.test").deliver(List.of(ALICE), out -> out.write(message("other process")));
        Files.setLastModifiedTime(newDir, tick);

        assertThat(inbox.snapshot().messages()).hasSize(2);
    }

    static String fileWithUid(Path cur, long uid) throws Exception {
        try (Stream<Path> files = Files.list(cur)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.contains(",U=" + uid + ":")).findFirst().orElseThrow();
        }
    }
}
