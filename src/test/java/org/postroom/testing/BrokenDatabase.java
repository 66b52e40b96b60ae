package org.postroom.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Breaks a running server's database for real, from outside, as a damaged or half-migrated file would: the table
 * of directory entries is renamed away, so every lookup of a user, alias or login fails in SQLite; {@link #close}
 * puts it back. No Postroom code is replaced.
 */
public final class BrokenDatabase implements AutoCloseable {
    private final Path file;

    private BrokenDatabase(Path file) {
        this.file = file;
    }

    public static BrokenDatabase breakIn(Path dataDir) throws SQLException {
        BrokenDatabase broken = new BrokenDatabase(dataDir.resolve("postroom.db"));
        broken.execute("ALTER TABLE entry RENAME TO entry_away");
        return broken;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        execute("ALTER TABLE entry_away RENAME TO entry");
    }
}
