package org.postroom.store.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.store.folder.FolderBasicsTest.ALICE;
import static org.postroom.store.folder.FolderBasicsTest.deliver;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.MaildirStore;

/**
 * "Cold" made deterministic (docs/architecture.md): removing {@code postroom-index} while the folder is loaded makes
 * the next use read the folder from its files again, as a fresh process would, with the same UIDVALIDITY and UIDs;
 * caches keyed on the folder's {@code cacheScope()} go with the old load.
 */
class FolderColdTest {
    @TempDir
    Path dir;

    @Test
    void removingTheIndexMakesTheLoadedFolderReadItsFilesAgain() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        deliver(store, "two");
        Folder inbox = store.folders(ALICE).open("INBOX");
        AutoCloseable listening = inbox.listen(() -> {});
        FolderSnapshot before = inbox.snapshot();
        Object scope = inbox.cacheScope();
        listening.close(); // the last listener leaves: the index with the MODSEQs is written
        Path index = store.maildir(ALICE).root().resolve(FolderIndex.NAME);
        assertThat(index).exists();

        FolderSnapshot warm = inbox.snapshot();
        assertThat(warm.highestModSeq()).isEqualTo(before.highestModSeq());
        assertThat(inbox.cacheScope()).isSameAs(scope); // nothing removed: still the same load

        Files.delete(index); // the benchmark's cold command
        FolderSnapshot cold = inbox.snapshot();
        assertThat(inbox.cacheScope()).isNotSameAs(scope);
        assertThat(cold.uidValidity()).isEqualTo(before.uidValidity());
        assertThat(cold.messages()).extracting(MessageInfo::uid).containsExactlyElementsOf(before.messages().stream().map(MessageInfo::uid).toList());
        assertThat(cold.messages()).extracting(MessageInfo::uniqueName).containsExactlyElementsOf(before.messages().stream().map(MessageInfo::uniqueName).toList());
        // Without the index the MODSEQs are not known: raised above every one handed out (RFC 7162 lets them rise).
        assertThat(cold.highestModSeq()).isGreaterThan(before.highestModSeq());
        assertThat(cold.uidNext()).isEqualTo(before.uidNext());
    }
}
