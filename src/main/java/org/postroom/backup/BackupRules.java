package org.postroom.backup;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What of a data folder a backup takes. Everything, except what is only true while a process runs or is a cache:
 * <ul>
 * <li>{@code run/} (the server's lock and control requests), any {@code control/} folder's requests, {@code *.lock};
 * <li>the contents of every {@code tmp/} folder (messages being received, never acknowledged: a queue file in
 *     {@code queue/tmp} is renamed into the queue before its 250) — the folders themselves are kept;
 * <li>the contents of {@code logs/};
 * <li>SQLite's {@code -wal}, {@code -shm} and {@code -journal} files: the database is copied through SQLite;
 * <li>{@code postroom-index} in each mail folder: a cache of the file names, rebuilt when missing.
 * </ul>
 */
final class BackupRules {
    private BackupRules() {}

    /** What becomes of a folder found at {@code rel} (relative to the data folder). */
    enum FolderRule { SKIP, EMPTY, WALK }

    static FolderRule folder(String rel, String name) {
        if (rel.equals("run")) return FolderRule.SKIP;
        if (name.equals("tmp") || name.equals("control") || rel.equals("logs")) return FolderRule.EMPTY;
        return FolderRule.WALK;
    }

    static boolean skipsFile(String name) {
        return name.endsWith(".lock") || name.endsWith("-wal") || name.endsWith("-shm") || name.endsWith("-journal")
                || name.equals("postroom-index");
    }

    /** A Maildir (or Maildir++ folder): its messages are in {@code new/} and {@code cur/}. */
    static boolean isMaildir(Path dir) {
        return Files.isDirectory(dir.resolve("cur")) && Files.isDirectory(dir.resolve("new"));
    }

    /** A database copied through SQLite rather than byte by byte. */
    static boolean isDatabaseName(String name) {
        return name.endsWith(".db");
    }
}
