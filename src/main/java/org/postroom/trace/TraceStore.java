package org.postroom.trace;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.postroom.files.OwnerOnly;
import org.sqlite.SQLiteConfig;

/**
 * The trace database, {@code data/trace.db}: its own file, so that recording never waits for the directory's
 * writers (and the reverse). One row per event; its addresses (sender, recipients, mailboxes) in
 * {@code event_address} so that a search by address is an index lookup. Times are microseconds since the epoch, so
 * that a message's steps sort in the order they happened.
 */
final class TraceStore {
    static final String FILE_NAME = "trace.db";
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;
    private static final int WAL_AUTOCHECKPOINT_PAGES = 1_000;
    /** Which steps the Message-ID index holds; a query by Message-ID repeats these terms so that SQLite uses it. */
    static final String MESSAGE_ID_INDEXED = "message_id <> '' AND kind <> 'COLLECTED'";

    private TraceStore() {}

    static Path fileIn(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /**
     * A connection for the server's writer: WAL with {@code synchronous = NORMAL}: a commit is written to the WAL
     * (surviving the process's death) and synced only at checkpoints. What must survive a crash once a door said
     * 250 is in the journal before the reply ({@link TraceJournal}).
     */
    static Connection openForWriting(Path file) throws IOException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) OwnerOnly.createDirectories(parent);
            // 0600 before SQLite opens it: addresses and subjects of the office's mail; SQLite's -wal and -shm take this mode.
            if (!Files.exists(file)) OwnerOnly.writeNewFile(file, new byte[0]);
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by another opener
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try (Statement s = c.createStatement()) {
                // SQLite's default, 4 MiB of WAL between checkpoints. 32 MiB (stop 17) copied the pages every batch
                // changes fewer times, but each checkpoint was a long burst of writes and a sync beside the doors' own
                // fdatasyncs, and a WAL that keeps growing gets new blocks, which ext4 (data=ordered) writes out at
                // every journal commit a door's fsync forces: the collect benchmark, tracing on/off, gave 0.913 with
                // it and 0.992 with 4 MiB, run after run (bench trace --parts collect --rounds 6, stop 18).
                s.execute("PRAGMA wal_autocheckpoint = " + WAL_AUTOCHECKPOINT_PAGES);
                s.executeUpdate("""
                        CREATE TABLE IF NOT EXISTS event(
                          id INTEGER PRIMARY KEY,
                          at INTEGER NOT NULL,
                          kind TEXT NOT NULL,
                          door TEXT NOT NULL,
                          message TEXT NOT NULL,
                          message_id TEXT NOT NULL,
                          client TEXT NOT NULL,
                          sender TEXT NOT NULL,
                          addresses TEXT NOT NULL,
                          details TEXT NOT NULL)""");
                // A search finds (message, at) pairs in an index alone (covering): the table is read only for the
                // messages shown.
                s.executeUpdate("CREATE INDEX IF NOT EXISTS event_at ON event(at)");
                s.executeUpdate("CREATE INDEX IF NOT EXISTS event_message ON event(message, at)");
                // A message's Message-ID is found on its accepted step: the collector's "collected" step of the same
                // message (same key, same Message-ID) is left out, and so are steps without one. Each entry of this
                // index lands at a random place (Message-IDs are random), costing a page in the WAL: one per message,
                // not two (docs/architecture.md, "The trace", cost to the collector). Replaces the index of every step.
                s.executeUpdate("DROP INDEX IF EXISTS event_message_id");
                s.executeUpdate("CREATE INDEX IF NOT EXISTS event_message_id_found ON event(message_id, at, message) WHERE " + MESSAGE_ID_INDEXED);
                s.executeUpdate("CREATE INDEX IF NOT EXISTS event_client ON event(client, at, message)");
                s.executeUpdate("CREATE TABLE IF NOT EXISTS event_address(address TEXT NOT NULL, at INTEGER NOT NULL, event INTEGER NOT NULL, "
                        + "message TEXT NOT NULL, PRIMARY KEY(address, at, event)) WITHOUT ROWID");
                s.executeUpdate("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            }
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            throw new IOException("cannot open the trace database " + file + ": " + e.getMessage(), e);
        }
    }

    /** A connection for the CLI, reading while the server writes (WAL readers do not block the writer). */
    static Connection openForReading(Path file) throws IOException {
        if (!Files.exists(file)) throw new IOException("no trace yet: " + file + " is made when the server first starts with [trace] enabled");
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setReadOnly(true);
        try {
            return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        } catch (SQLException e) {
            throw new IOException("cannot open the trace database " + file + ": " + e.getMessage(), e);
        }
    }

    /** How far into the journal the database has the events ({@link TraceJournal}); 0 when it never took any. */
    static long journalPoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'journal'")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** Records the journal point in the connection's current transaction. */
    static void setJournalPoint(Connection c, long point) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO meta(key, value) VALUES ('journal', ?) "
                + "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            p.setLong(1, point);
            p.executeUpdate();
        }
    }

    /** The id the next event gets: one more than the last (ids are given here, so an insert needs no read back). */
    static long nextId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM event")) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Inserts a batch of events in the connection's current transaction, numbered from {@code firstId}; the caller
     * commits. Returns the id after the last.
     */
    static long insert(Connection c, List<Event> events, long firstId) throws SQLException {
        long id = firstId;
        // An address indexed for a message once per batch: its later steps in the same batch (delivered to the
        // recipient it was accepted for, collected for the same) are found through the same message a moment apart.
        Set<String> indexed = new java.util.HashSet<>();
        try (PreparedStatement ev = c.prepareStatement("INSERT INTO event(id, at, kind, door, message, message_id, client, sender, "
                + "addresses, details) VALUES (?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement ad = c.prepareStatement("INSERT OR IGNORE INTO event_address(address, at, event, message) VALUES (?,?,?,?)")) {
            for (Event e : events) {
                long at = micros(e.at());
                ev.setLong(1, id);
                ev.setLong(2, at);
                ev.setString(3, e.kind().name());
                ev.setString(4, e.door());
                ev.setString(5, e.message());
                ev.setString(6, e.messageId());
                ev.setString(7, e.client());
                ev.setString(8, e.sender());
                ev.setString(9, FlatJson.array(e.addresses()));
                ev.setString(10, FlatJson.object(e.details()));
                ev.addBatch();
                for (String address : searchAddresses(e)) {
                    if (!indexed.add(address + '\n' + e.message())) continue;
                    ad.setString(1, address);
                    ad.setLong(2, at);
                    ad.setLong(3, id);
                    ad.setString(4, e.message());
                    ad.addBatch();
                }
                id++;
            }
            ev.executeBatch();
            ad.executeBatch();
        }
        return id;
    }

    /**
     * Deletes up to {@code limit} of the oldest events older than {@code cutoff}, with their address rows (found by
     * their keys, from the event's own addresses); returns how many. The caller commits.
     */
    static int prune(Connection c, Instant cutoff, int limit) throws SQLException {
        int n = 0;
        try (PreparedStatement q = c.prepareStatement("SELECT id, " + COLUMNS + " FROM event WHERE at < ? ORDER BY at LIMIT ?");
             PreparedStatement a = c.prepareStatement("DELETE FROM event_address WHERE address = ? AND at = ? AND event = ?");
             PreparedStatement e = c.prepareStatement("DELETE FROM event WHERE id = ?")) {
            q.setLong(1, micros(cutoff));
            q.setInt(2, limit);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong("id");
                    long at = r.getLong("at");
                    for (String address : searchAddresses(read(r))) {
                        a.setString(1, address);
                        a.setLong(2, at);
                        a.setLong(3, id);
                        a.addBatch();
                    }
                    e.setLong(1, id);
                    e.addBatch();
                    n++;
                }
            }
            a.executeBatch();
            e.executeBatch();
        }
        return n;
    }

    /** The event in the current row of {@code r} (columns as {@link #COLUMNS}). */
    static Event read(ResultSet r) throws SQLException {
        try {
            return new Event(instant(r.getLong("at")), EventKind.valueOf(r.getString("kind")), r.getString("door"), r.getString("message"),
                    r.getString("message_id"), r.getString("client"), r.getString("sender"), FlatJson.parseArray(r.getString("addresses")),
                    FlatJson.parseObject(r.getString("details")));
        } catch (FlatJson.Malformed e) {
            throw new SQLException("a damaged trace row: " + e.getMessage(), e);
        }
    }

    static final String COLUMNS = "at, kind, door, message, message_id, client, sender, addresses, details";

    /** The addresses a search finds the event by, lower-cased: sender and addresses. */
    static Set<String> searchAddresses(Event e) {
        Set<String> all = new LinkedHashSet<>();
        if (!e.sender().isEmpty()) all.add(e.sender().toLowerCase(Locale.ROOT));
        for (String a : e.addresses()) if (!a.isEmpty()) all.add(a.toLowerCase(Locale.ROOT));
        return all;
    }

    static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
