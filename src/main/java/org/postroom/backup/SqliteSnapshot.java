package org.postroom.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * A consistent copy of a SQLite database that a running server writes, through SQLite's online backup API
 * (sqlite3_backup_*). The whole database is copied in one step ({@code -1} pages), so the copy is one read
 * transaction's snapshot: in WAL mode the server's writers go on meanwhile, and the step is never restarted by
 * their commits (a step of N pages is, when another connection writes between steps). Copying the file with
 * {@code cp} instead could catch a page half written, or miss what is still only in the {@code -wal} file.
 */
final class SqliteSnapshot {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final int SQLITE_OK = 0;
    private static final int SQLITE_DONE = 101;

    private SqliteSnapshot() {}

    /** True when {@code file} starts with SQLite's header (an empty file is not a database yet). */
    static boolean isDatabase(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(HEADER.length), HEADER);
        }
    }

    /** Copies the database {@code source} into the new file {@code target}. */
    static void copy(Path source, Path target) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source.toAbsolutePath(), config.toProperties())) {
            // sleep 100 ms between tries while the source is locked (a checkpoint), up to 100 times
            int rc = ((SQLiteConnection) c).getDatabase().backup("main", target.toAbsolutePath().toString(), null, 100, 100, -1);
            if (rc != SQLITE_OK && rc != SQLITE_DONE) throw new IOException("SQLite's backup of " + source + " ended with code " + rc);
        } catch (SQLException e) {
            throw new IOException("cannot copy the database " + source + ": " + e.getMessage(), e);
        }
    }

    /** The {@code PRAGMA user_version} of a database file (the directory's schema version); 0 when unreadable. */
    static int userVersion(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }
}
