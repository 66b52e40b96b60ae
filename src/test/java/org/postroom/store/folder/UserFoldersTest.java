package org.postroom.store.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postroom.store.folder.FolderBasicsTest.ALICE;
import static org.postroom.store.folder.FolderBasicsTest.deliver;
import static org.postroom.store.folder.FolderBasicsTest.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.MaildirStore;

/** A user's folders as Maildir++ directories: create, list, rename, delete, subscribe, special use, quota. */
class UserFoldersTest {
    @TempDir
    Path dir;

    private static void refused(FolderException.Reason reason, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FolderException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static FolderInfo find(List<FolderInfo> list, String name) {
        return list.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " in " + list));
    }

    @Test
    void foldersAreDotDirectoriesWithTheMaildirfolderMark() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        UserFolders folders = store.folders(ALICE);
        folders.create("Projects/Acme");
        Path root = store.maildir(ALICE).root();

        assertThat(root.resolve(".Projects.Acme/cur")).isDirectory();
        assertThat(root.resolve(".Projects.Acme/maildirfolder")).isRegularFile();
        assertThat(root.resolve(".Projects.Acme/" + UidFile.NAME)).isRegularFile();
        List<FolderInfo> list = folders.list();
        assertThat(list).extracting(FolderInfo::name).containsExactly("INBOX", "Projects", "Projects/Acme");
        assertThat(find(list, "Projects").attributes()).contains("\\Noselect", "\\HasChildren");
        assertThat(find(list, "Projects/Acme").attributes()).containsExactly("\\HasNoChildren");
        refused(FolderException.Reason.ALREADYEXISTS, () -> folders.create("Projects/Acme"));
        refused(FolderException.Reason.ALREADYEXISTS, () -> folders.create("inbox"));
        refused(FolderException.Reason.CANNOT, () -> folders.create("a.b"));
        refused(FolderException.Reason.CANNOT, () -> folders.create("INBOX/child"));
        refused(FolderException.Reason.CANNOT, () -> folders.create("a//b"));
        refused(FolderException.Reason.NONEXISTENT, () -> folders.open("Projects"));
        refused(FolderException.Reason.NONEXISTENT, () -> folders.open("Nothing"));
        folders.create("Trailing/"); // RFC 3501 6.3.3: the trailing separator is dropped
        assertThat(folders.open("Trailing").name()).isEqualTo("Trailing");
    }

    @Test
    void specialFoldersAreCreatedSubscribedAndMarkedOnce() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        UserFolders folders = store.folders(ALICE);
        folders.ensureSpecialFolders();
        folders.subscribe("Junk", false); // the user's choice is kept at the next start
        folders.ensureSpecialFolders();

        List<FolderInfo> list = folders.list();
        assertThat(list).extracting(FolderInfo::name).containsExactly("INBOX", "Drafts", "Junk", "Sent", "Trash");
        assertThat(find(list, "Sent").attributes()).contains("\\Sent");
        assertThat(find(list, "Drafts").attributes()).contains("\\Drafts");
        assertThat(find(list, "Trash").attributes()).contains("\\Trash");
        assertThat(find(list, "Junk").attributes()).contains("\\Junk");
        assertThat(find(list, "Sent").subscribed()).isTrue();
        assertThat(find(list, "Junk").subscribed()).isFalse();
        assertThat(Files.readString(store.maildir(ALICE).root().resolve("subscriptions"))).isEqualTo("V\t2\n\nSent\nDrafts\nTrash\n");
    }

    @Test
    void renameMovesChildrenAndSubscriptionsAndKeepsUids() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        UserFolders folders = store.folders(ALICE);
        folders.create("A");
        folders.create("A/B");
        folders.subscribe("A/B", true);
        Folder old = folders.open("A/B");
        old.append(out -> out.write(message("kept")), 0, Set.of(), null);
        long validity = old.snapshot().uidValidity();

        folders.rename("A", "C");
        assertThat(folders.list()).extracting(FolderInfo::name).containsExactly("INBOX", "C", "C/B");
        assertThat(find(folders.list(), "C/B").subscribed()).isTrue();
        FolderSnapshot moved = folders.open("C/B").snapshot();
        assertThat(moved.uidValidity()).isEqualTo(validity);
        assertThat(moved.messages()).extracting(MessageInfo::uid).containsExactly(1L);
        refused(FolderException.Reason.NONEXISTENT, old::snapshot); // the old name's object is refused
        refused(FolderException.Reason.NONEXISTENT, () -> folders.rename("A", "D"));
        folders.create("D");
        refused(FolderException.Reason.ALREADYEXISTS, () -> folders.rename("C", "D"));
    }

    @Test
    void renamingInboxMovesItsMessagesIntoTheNewFolder() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        UserFolders folders = store.folders(ALICE);
        folders.rename("INBOX", "Old");
        assertThat(folders.open("INBOX").snapshot().messages()).isEmpty();
        assertThat(folders.open("Old").snapshot().messages()).hasSize(1);
    }

    @Test
    void deleteSetsTheMessagesAsideAndANewFolderOfTheNameStartsAfresh() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        UserFolders folders = store.folders(ALICE);
        folders.create("Old");
        Folder old = folders.open("Old");
        old.append(out -> out.write(message("kept aside")), 0, Set.of(), null);
        long validity = old.snapshot().uidValidity();

        folders.delete("Old");
        assertThat(folders.list()).extracting(FolderInfo::name).containsExactly("INBOX");
        Path aside = store.maildir(ALICE).root().resolve("postroom-deleted");
        try (var stream = Files.list(aside)) {
            assertThat(stream.toList()).singleElement().satisfies(p -> assertThat(p.resolve("cur")).isNotEmptyDirectory());
        }
        refused(FolderException.Reason.NONEXISTENT, old::snapshot);
        refused(FolderException.Reason.CANNOT, () -> folders.delete("INBOX"));
        refused(FolderException.Reason.NONEXISTENT, () -> folders.delete("Old"));
        Thread.sleep(1100); // UIDVALIDITY is in seconds
        folders.create("Old");
        FolderSnapshot fresh = folders.open("Old").snapshot();
        assertThat(fresh.messages()).isEmpty();
        assertThat(fresh.uidValidity()).isNotEqualTo(validity);
    }

    @Test
    void usageCountsEveryFolderAndTheQuotaRefusesAnAppend() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        int size = message("one").length;
        UserFolders folders = store.folders(ALICE, 3L * size);
        folders.create("Sent");
        folders.open("Sent").append(out -> out.write(message("one")), 0, Set.of(), null);
        assertThat(folders.usage()).isEqualTo(2L * size);
        assertThat(store.usage(ALICE)).isEqualTo(2L * size);

        folders.open("Sent").append(out -> out.write(message("one")), 0, Set.of(), null);
        refused(FolderException.Reason.OVERQUOTA, () -> folders.open("Sent").append(out -> out.write(message("one")), 0, Set.of(), null));
        assertThat(folders.open("Sent").snapshot().messages()).hasSize(2);
        assertThat(store.maildir(ALICE).root().resolve(".Sent/tmp")).isEmptyDirectory();
        Folder inbox = folders.open("INBOX");
        inbox.snapshot();
        inbox.expunge(List.of(1L));
        assertThat(store.usage(ALICE)).isEqualTo(2L * size);
    }
}
