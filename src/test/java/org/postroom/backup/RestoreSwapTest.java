package org.postroom.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore --force} when a rename fails midway (a full or read-only disk; here one rename made to fail, as
 * root ignores permissions): nothing is lost. The data folder is as it was, the checked restore is kept in the
 * staging, and the next restore replaces the folder whole. Without the set-aside, the old data was deleted first
 * and the staging with the entries not yet moved after it: a half-empty data folder.
 */
class RestoreSwapTest {
    @TempDir
    Path dir;

    /** Fails the {@code n}th rename whose source lies under {@code under}. */
    private static RestoreSwap.Mover failing(Path under, int n) {
        AtomicInteger seen = new AtomicInteger();
        return (from, to) -> {
            if (from.startsWith(under) && seen.incrementAndGet() == n) throw new IOException("disk full (test)");
            RestoreSwap.FILES.move(from, to);
        };
    }

    @Test
    void aRenameThatFailsWhileRestoredEntriesMoveInLeavesTheFolderAsItWas() throws Exception {
        Path backup = BackupDataFolders.backup(BackupDataFolders.make(dir.resolve("source"), "new", true), dir.resolve("backup"));
        Path data = BackupDataFolders.make(dir.resolve("data"), "old", true);
        Map<String, String> before = BackupDataFolders.contents(data);
        Path staging = data.resolve(Restore.STAGING);

        assertThatThrownBy(() -> Restore.run(backup, data, true, failing(staging, 2)))
                .isInstanceOf(IOException.class).hasMessageContaining("disk full (test)").hasMessageContaining("as it was");

        assertThat(BackupDataFolders.contents(data)).as("the old data, whole").isEqualTo(before);
        assertThat(BackupDataFolders.contents(staging.resolve(Manifest.DATA)))
                .as("the checked restore, whole").isEqualTo(BackupDataFolders.contents(backup.resolve(Manifest.DATA)));

        Restore.run(backup, data, true);
        assertThat(BackupDataFolders.contents(data)).isEqualTo(BackupDataFolders.contents(backup.resolve(Manifest.DATA)));
    }

    @Test
    void aRenameThatFailsWhileOldEntriesGoAsideLeavesTheFolderAsItWas() throws Exception {
        Path backup = BackupDataFolders.backup(BackupDataFolders.make(dir.resolve("source"), "new", true), dir.resolve("backup"));
        Path data = BackupDataFolders.make(dir.resolve("data"), "old", true);
        Map<String, String> before = BackupDataFolders.contents(data);

        assertThatThrownBy(() -> Restore.run(backup, data, true, failing(data, 3)))
                .isInstanceOf(IOException.class).hasMessageContaining("as it was");

        assertThat(BackupDataFolders.contents(data)).isEqualTo(before);
        assertThat(Files.exists(data.resolve(RestoreSwap.ASIDE))).isFalse();
    }

    @Test
    void whatAnEarlierRestoreSetAsideIsNeverDeleted() throws Exception {
        Path backup = BackupDataFolders.backup(BackupDataFolders.make(dir.resolve("source"), "new", true), dir.resolve("backup"));
        Path data = BackupDataFolders.make(dir.resolve("data"), "old", true);
        Files.createDirectories(data.resolve(RestoreSwap.ASIDE));
        Files.writeString(data.resolve(RestoreSwap.ASIDE).resolve("postroom.db"), "the only copy");
        Map<String, String> before = BackupDataFolders.contents(data);

        assertThatThrownBy(() -> Restore.run(backup, data, true)).isInstanceOf(BackupException.class).hasMessageContaining("set aside");
        assertThat(BackupDataFolders.contents(data)).isEqualTo(before);
    }
}
