package org.postroom.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.postroom.message.MailAddress;

/**
 * The SQL behind {@link Directory}: every statement the directory runs, on a connection the caller holds inside a
 * transaction. Nothing here decides policy (which address may be added where); {@link Directory} does.
 */
final class EntryStore {

    /** The columns {@link #entry(ResultSet, int)} reads, in its order. */
    private static final String ENTRY_FIELDS = """
            e.id, e.local_part, e.domain, e.kind,
            u.display_name, u.enabled, u.internal_only, u.quota_bytes, u.pop3_allowed,
            u.pop3_office_only, g.local_senders_only, u.imap_allowed, u.imap_office_only, u.admin""";
    private static final String ENTRY_JOINS = """
            LEFT JOIN mail_user u ON u.entry_id = e.id
            LEFT JOIN mail_group g ON g.entry_id = e.id
            """;
    private static final String ENTRY_COLUMNS = "SELECT " + ENTRY_FIELDS + " FROM entry e " + ENTRY_JOINS;

    /** A target of an alias or group, with the entry that has exactly its address (in any case), if one does. */
    record TargetRow(MailAddress target, Optional<Entry> entry) {}

    private EntryStore() {}

    static String localKey(String localPart) {
        return localPart.toLowerCase(Locale.ROOT);
    }

    // ---- domains

    static Optional<Domain> domain(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT name, catch_all_local, catch_all_domain FROM domain WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(domain(rs)) : Optional.empty();
            }
        }
    }

    static List<Domain> domains(Connection c) throws SQLException {
        List<Domain> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT name, catch_all_local, catch_all_domain FROM domain ORDER BY name");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) out.add(domain(rs));
        }
        return out;
    }

    private static Domain domain(ResultSet rs) throws SQLException {
        String local = rs.getString(2);
        return new Domain(rs.getString(1), local == null ? Optional.empty() : Optional.of(new MailAddress(local, rs.getString(3))));
    }

    static boolean domainExists(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM domain WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void insertDomain(Connection c, String name) throws SQLException {
        update(c, "INSERT INTO domain(name) VALUES (?)", name);
    }

    static void deleteDomain(Connection c, String name) throws SQLException {
        update(c, "DELETE FROM domain WHERE name = ?", name);
    }

    static void setCatchAll(Connection c, String domain, Optional<MailAddress> target) throws SQLException {
        update(c, "UPDATE domain SET catch_all_local = ?, catch_all_domain = ? WHERE name = ?",
                target.map(MailAddress::localPart).orElse(null), target.map(MailAddress::domain).orElse(null), domain);
    }

    static int countEntriesIn(Connection c, String domain) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM entry WHERE domain = ?")) {
            s.setString(1, domain);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ---- entries

    /**
     * The entry for this address, matched on the domain and the lower-cased local part; with
     * {@code caseSensitive} the local part must also match exactly as written.
     */
    static Optional<Entry> find(Connection c, MailAddress address, boolean caseSensitive) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ENTRY_COLUMNS + "WHERE e.local_key = ? AND e.domain = ?")) {
            s.setString(1, localKey(address.localPart()));
            s.setString(2, address.domain());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                Entry entry = entry(rs, 1);
                if (caseSensitive && !entry.address().localPart().equals(address.localPart())) return Optional.empty();
                return Optional.of(entry);
            }
        }
    }

    /** The user with this id, if it is still one. */
    static Optional<User> userById(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ENTRY_COLUMNS + "WHERE e.id = ? AND e.kind = 'user'")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(((Entry.UserEntry) entry(rs, 1)).user()) : Optional.empty();
            }
        }
    }

    /** Users with this local part (any case) in any domain: the candidates for a bare login. */
    static List<User> usersByLocalPart(Connection c, String localPart) throws SQLException {
        List<User> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(ENTRY_COLUMNS + "WHERE e.local_key = ? AND e.kind = 'user'")) {
            s.setString(1, localKey(localPart));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(((Entry.UserEntry) entry(rs, 1)).user());
            }
        }
        return out;
    }

    static List<Entry> entries(Connection c, String kind) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(ENTRY_COLUMNS + "WHERE e.kind = ? ORDER BY e.domain, e.local_key")) {
            s.setString(1, kind);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(entry(rs, 1));
            }
        }
        return out;
    }

    /** Reads {@link #ENTRY_FIELDS} starting at column {@code first}. */
    private static Entry entry(ResultSet rs, int first) throws SQLException {
        int at = first - 1;
        long id = rs.getLong(at + 1);
        MailAddress address = new MailAddress(rs.getString(at + 2), rs.getString(at + 3));
        return switch (rs.getString(at + 4)) {
            case "user" -> new Entry.UserEntry(new User(id, address, rs.getString(at + 5), rs.getBoolean(at + 6),
                    rs.getBoolean(at + 7), rs.getLong(at + 8), rs.getBoolean(at + 9), rs.getBoolean(at + 10),
                    rs.getBoolean(at + 12), rs.getBoolean(at + 13), rs.getBoolean(at + 14)));
            case "alias" -> new Entry.AliasEntry(id, address);
            case "group" -> new Entry.GroupEntry(id, address, rs.getBoolean(at + 11));
            default -> throw new SQLException("unknown entry kind " + rs.getString(at + 4));
        };
    }

    static long insertEntry(Connection c, MailAddress address, String kind) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO entry(local_part, local_key, domain, kind) VALUES (?, ?, ?, ?) RETURNING id")) {
            s.setString(1, address.localPart());
            s.setString(2, localKey(address.localPart()));
            s.setString(3, address.domain());
            s.setString(4, kind);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void insertUser(Connection c, long id, String displayName, String passwordHash, boolean internalOnly,
            long quotaBytes) throws SQLException {
        update(c, "INSERT INTO mail_user(entry_id, display_name, password_hash, internal_only, quota_bytes) VALUES (?, ?, ?, ?, ?)",
                id, displayName, passwordHash, internalOnly, quotaBytes);
    }

    static void insertGroup(Connection c, long id, boolean localSendersOnly) throws SQLException {
        update(c, "INSERT INTO mail_group(entry_id, local_senders_only) VALUES (?, ?)", id, localSendersOnly);
    }

    /** Deletes the entry; its user or group row and its targets go with it (ON DELETE CASCADE). */
    static void deleteEntry(Connection c, long id) throws SQLException {
        update(c, "DELETE FROM entry WHERE id = ?", id);
    }

    static Optional<String> passwordHash(Connection c, long userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT password_hash FROM mail_user WHERE entry_id = ?")) {
            s.setLong(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Sets one column of a user's row; {@code column} is always one of the literals in {@link Directory}. */
    static void updateUser(Connection c, long id, String column, Object value) throws SQLException {
        update(c, "UPDATE mail_user SET " + column + " = ? WHERE entry_id = ?", value, id);
    }

    static void setLocalSendersOnly(Connection c, long id, boolean value) throws SQLException {
        update(c, "UPDATE mail_group SET local_senders_only = ? WHERE entry_id = ?", value, id);
    }

    // ---- targets (alias targets and group members)

    static List<MailAddress> targets(Connection c, long entryId) throws SQLException {
        List<MailAddress> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT local_part, domain FROM target WHERE entry_id = ? ORDER BY rowid")) {
            s.setLong(1, entryId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(new MailAddress(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    /**
     * The targets of one alias or group joined to their entries in one query, so a group of a hundred costs one
     * round trip, not a hundred. {@code caseSensitive} as in {@link #find}.
     */
    static List<TargetRow> targetEntries(Connection c, long entryId, boolean caseSensitive) throws SQLException {
        List<TargetRow> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT t.local_part, t.domain, " + ENTRY_FIELDS + """
                 FROM target t
                LEFT JOIN entry e ON e.local_key = t.local_key AND e.domain = t.domain
                """ + ENTRY_JOINS + "WHERE t.entry_id = ? ORDER BY t.rowid")) {
            s.setLong(1, entryId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    MailAddress target = new MailAddress(rs.getString(1), rs.getString(2));
                    Optional<Entry> entry = rs.getObject(3) == null ? Optional.empty() : Optional.of(entry(rs, 3));
                    if (caseSensitive) entry = entry.filter(e -> e.address().localPart().equals(target.localPart()));
                    out.add(new TargetRow(target, entry));
                }
            }
        }
        return out;
    }

    /** The targets of every entry of one kind at once, for listings, keyed by entry id. */
    static Map<Long, List<MailAddress>> allTargets(Connection c, String kind) throws SQLException {
        Map<Long, List<MailAddress>> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.entry_id, t.local_part, t.domain FROM target t JOIN entry e ON e.id = t.entry_id
                WHERE e.kind = ? ORDER BY t.rowid""")) {
            s.setString(1, kind);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new MailAddress(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /** Adds a target unless the entry has it already (in any case). */
    static void addTarget(Connection c, long entryId, MailAddress target) throws SQLException {
        update(c, "INSERT OR IGNORE INTO target(entry_id, local_part, local_key, domain) VALUES (?, ?, ?, ?)",
                entryId, target.localPart(), localKey(target.localPart()), target.domain());
    }

    static boolean removeTarget(Connection c, long entryId, MailAddress target) throws SQLException {
        return update(c, "DELETE FROM target WHERE entry_id = ? AND local_key = ? AND domain = ?",
                entryId, localKey(target.localPart()), target.domain()) > 0;
    }

    /**
     * Forgets every reference to an address that is going away: alias targets, group memberships and catch-alls.
     * Otherwise mail would follow a stale reference to whoever is given the address next.
     */
    static void dropReferences(Connection c, MailAddress address) throws SQLException {
        update(c, "DELETE FROM target WHERE local_key = ? AND domain = ?", localKey(address.localPart()), address.domain());
        for (Domain d : domains(c)) {
            if (d.catchAll().isPresent() && d.catchAll().get().key().equals(address.key())) setCatchAll(c, d.name(), Optional.empty());
        }
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) s.setObject(i + 1, values[i]);
            return s.executeUpdate();
        }
    }
}
