package org.postroom.collect;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.postroom.directory.Database;
import org.postroom.store.MaildirStore;

/**
 * The collector's memory in the directory database: which provider messages are safely stored (account + UIDL),
 * which local users already have which message (Message-ID or digest + recipient), and each account's last cycle.
 * A message's rows are written in one transaction after its delivery is durable, and before its DELE.
 */
public final class CollectLedger {
    private final Database db;

    public CollectLedger(Database db) {
        this.db = db;
    }

    /** When the message with this UIDL was stored, if it was. */
    Optional<Instant> storedAt(String account, String uidl) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT stored_at FROM collect_seen WHERE account = ? AND uidl = ?")) {
                s.setString(1, account);
                s.setString(2, uidl);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
                }
            }
        });
    }

    boolean delivered(String messageKey, String recipientKey) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM collect_delivered WHERE message_key = ? AND recipient = ?")) {
                s.setString(1, messageKey);
                s.setString(2, recipientKey);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Records that the message is stored, and for whom, in one transaction. */
    void record(String account, String uidl, String messageKey, Collection<String> recipientKeys, Instant now) {
        recordFiling(account, uidl, messageKey, recipientKeys, now, Optional.empty());
    }

    /** A delivery promised but perhaps not finished: the synced tmp/ file and its destinations, relative to the data folder. */
    record Pending(String tmpFile, List<String> destinations) {}

    /**
     * Records the message as stored, and for whom, together with the delivery that will make it so: if the process
     * dies before the links are synced, {@link #pending} still names the tmp/ file to finish (MaildirStore.finishFiling).
     * No window is left in which a message is in a mailbox but not recorded, or recorded but lost.
     */
    void recordFiling(String account, String uidl, String messageKey, Collection<String> recipientKeys, Instant now, Optional<Pending> pending) {
        db.write(c -> {
            if (pending.isPresent()) {
                try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO collect_pending (tmp_file, account, destinations) VALUES (?, ?, ?)")) {
                    s.setString(1, pending.get().tmpFile());
                    s.setString(2, account);
                    s.setString(3, String.join("\n", pending.get().destinations()));
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO collect_delivered (message_key, recipient, delivered_at) VALUES (?, ?, ?)")) {
                for (String r : recipientKeys) {
                    s.setString(1, messageKey);
                    s.setString(2, r);
                    s.setLong(3, now.toEpochMilli());
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO collect_seen (account, uidl, stored_at) VALUES (?, ?, ?)")) {
                s.setString(1, account);
                s.setString(2, uidl);
                s.setLong(3, now.toEpochMilli());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The promised deliveries of {@code account} (or of every account when null) not yet cleared. */
    List<Pending> pending(String account) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT tmp_file, destinations FROM collect_pending WHERE ? IS NULL OR account = ?")) {
                s.setString(1, account);
                s.setString(2, account);
                List<Pending> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) out.add(new Pending(rs.getString(1), List.of(rs.getString(2).split("\n"))));
                }
                return out;
            }
        });
    }

    /**
     * Finishes the deliveries a crash or a failed link left promised (MaildirStore.finishFiling) and forgets them:
     * for {@code account}, or for all when null. The server runs it at start, before the tmp/ folders are cleaned and
     * before users can log in; each cycle runs it for its account first. Returns how many there were.
     */
    public int finishPending(Path dataDir, String account) throws IOException {
        List<Pending> pending = pending(account);
        List<String> done = new ArrayList<>();
        for (Pending p : pending) {
            MaildirStore.finishFiling(dataDir.resolve(p.tmpFile()), p.destinations().stream().map(dataDir::resolve).toList());
            done.add(p.tmpFile());
        }
        clearPending(done);
        return pending.size();
    }

    /** Forgets promised deliveries that are complete (their tmp/ files are gone). */
    void clearPending(Collection<String> tmpFiles) {
        if (tmpFiles.isEmpty()) return;
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM collect_pending WHERE tmp_file = ?")) {
                for (String f : tmpFiles) {
                    s.setString(1, f);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Remembers that something was done once for {@code key} (a notice sent), without marking any message stored. */
    void note(String key, String what, Instant now) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO collect_delivered (message_key, recipient, delivered_at) VALUES (?, ?, ?)")) {
                s.setString(1, key);
                s.setString(2, what);
                s.setLong(3, now.toEpochMilli());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets UIDLs the provider no longer lists (deleted there): the table does not grow forever. */
    void forgetOthers(String account, Collection<String> listed) {
        db.write(c -> {
            List<String> gone = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT uidl FROM collect_seen WHERE account = ?")) {
                s.setString(1, account);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (!listed.contains(rs.getString(1))) gone.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM collect_seen WHERE account = ? AND uidl = ?")) {
                for (String u : gone) {
                    s.setString(1, account);
                    s.setString(2, u);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Cycles kept per account in {@code collect_cycle}, for the console's "last cycles". */
    static final int CYCLES_KEPT = 50;

    /** Records a finished cycle: the account's status, and one more of its recent cycles (the oldest beyond 50 go). */
    public void saveStatus(CycleReport r) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO collect_cycle (account, started_at, finished_at, messages, delivered,"
                    + " unresolved, duplicates, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.account());
                s.setLong(2, r.started().toEpochMilli());
                s.setLong(3, r.finished().toEpochMilli());
                s.setInt(4, r.messages());
                s.setInt(5, r.delivered());
                s.setInt(6, r.unresolved());
                s.setInt(7, r.duplicates());
                s.setString(8, r.error().orElse(null));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM collect_cycle WHERE account = ? AND id NOT IN"
                    + " (SELECT id FROM collect_cycle WHERE account = ? ORDER BY id DESC LIMIT " + CYCLES_KEPT + ")")) {
                s.setString(1, r.account());
                s.setString(2, r.account());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO collect_status (account, started_at, finished_at, messages, delivered,"
                    + " unresolved, duplicates, error, next_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.account());
                s.setLong(2, r.started().toEpochMilli());
                s.setLong(3, r.finished().toEpochMilli());
                s.setInt(4, r.messages());
                s.setInt(5, r.delivered());
                s.setInt(6, r.unresolved());
                s.setInt(7, r.duplicates());
                s.setString(8, r.error().orElse(null));
                if (r.next().isPresent()) s.setLong(9, r.next().get().toEpochMilli());
                else s.setNull(9, java.sql.Types.INTEGER);
                s.executeUpdate();
            }
            return null;
        });
    }

    public Optional<CycleReport> status(String account) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT started_at, finished_at, messages, delivered, unresolved, duplicates, error, next_at"
                    + " FROM collect_status WHERE account = ?")) {
                s.setString(1, account);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    long next = rs.getLong(8);
                    Optional<Instant> nextAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next));
                    return Optional.of(new CycleReport(account, Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2)), rs.getInt(3),
                            rs.getInt(4), rs.getInt(5), rs.getInt(6), Optional.ofNullable(rs.getString(7)), nextAt));
                }
            }
        });
    }

    /** The account's recent cycles, newest first, at most {@code limit}. */
    public List<CycleReport> cycles(String account, int limit) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT started_at, finished_at, messages, delivered, unresolved, duplicates, error"
                    + " FROM collect_cycle WHERE account = ? ORDER BY id DESC LIMIT ?")) {
                s.setString(1, account);
                s.setInt(2, limit);
                List<CycleReport> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CycleReport(account, Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2)), rs.getInt(3),
                                rs.getInt(4), rs.getInt(5), rs.getInt(6), Optional.ofNullable(rs.getString(7)), Optional.empty()));
                    }
                }
                return out;
            }
        });
    }
}
