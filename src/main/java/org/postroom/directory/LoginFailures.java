package org.postroom.directory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Failed logins, one row per client address and login, in the database that the server and the CLI share: the
 * server counts and checks them ({@code net.LoginGuard}), {@code postroom auth locked|unlock} lists and clears them
 * while it runs. A row remembers how many failures and when the last was; rows older than the lockout no longer
 * count and are removed as new failures come in.
 *
 * <p>Failures from the office networks are marked {@code office}: they count against the login only, never the
 * address, so one colleague's typos cannot lock out everyone behind the office's address.
 *
 * <p>SECURITY: the login is the client's text, stored as typed (lower-cased, at most 128 characters), never a
 * password.
 */
public final class LoginFailures {
    private static final int MAX_LOGIN = 128;
    private final Database db;

    public LoginFailures(Database db) {
        this.db = db;
    }

    /** What counts now against one attempt: the login's failures from anywhere, and the address's outside the office. */
    public record Standing(int loginFailures, Instant loginLast, int addressFailures, Instant addressLast) {}

    /** A login or an address that has reached the limit, for {@code postroom auth locked}. */
    public record Lock(String kind, String key, int failures, Instant until) {}

    /** The login as it is counted: logins differ only in case are one login. */
    public static String key(String login) {
        String lower = login.toLowerCase(Locale.ROOT);
        return lower.length() > MAX_LOGIN ? lower.substring(0, MAX_LOGIN) : lower;
    }

    /** The failures that count since {@code since} for {@code login} (null: the address only) and {@code address}. */
    public Standing standing(String address, String login, Instant since) {
        return db.read(c -> {
            int loginCount = 0;
            long loginLast = 0;
            if (login != null) {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT coalesce(sum(failures), 0), coalesce(max(last_at), 0) FROM auth_failure WHERE login = ? AND last_at > ?")) {
                    s.setString(1, key(login));
                    s.setLong(2, since.toEpochMilli());
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        loginCount = rs.getInt(1);
                        loginLast = rs.getLong(2);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT coalesce(sum(failures), 0), coalesce(max(last_at), 0) FROM auth_failure WHERE address = ? AND office = 0 AND last_at > ?")) {
                s.setString(1, address);
                s.setLong(2, since.toEpochMilli());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new Standing(loginCount, Instant.ofEpochMilli(loginLast), rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2)));
                }
            }
        });
    }

    /** Counts one failure of {@code login} from {@code address}; rows last touched before {@code forgetBefore} go. */
    public void record(String address, String login, boolean office, Instant now, Instant forgetBefore) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM auth_failure WHERE last_at <= ?")) {
                s.setLong(1, forgetBefore.toEpochMilli());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO auth_failure (address, login, office, failures, last_at) VALUES (?, ?, ?, 1, ?)
                    ON CONFLICT (address, login) DO UPDATE SET failures = failures + 1, last_at = excluded.last_at,
                        office = excluded.office""")) {
                s.setString(1, address);
                s.setString(2, key(login));
                s.setInt(3, office ? 1 : 0);
                s.setLong(4, now.toEpochMilli());
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * A successful login clears that login's failures from that address, and nothing else: the address's failures
     * for other logins still count (issue 10). Reads first, so a login with no failures costs no write.
     */
    public void clear(String address, String login) {
        boolean any = db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM auth_failure WHERE address = ? AND login = ?")) {
                s.setString(1, address);
                s.setString(2, key(login));
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!any) return;
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM auth_failure WHERE address = ? AND login = ?")) {
                s.setString(1, address);
                s.setString(2, key(login));
                return s.executeUpdate();
            }
        });
    }

    /** Logins and addresses with at least {@code max} failures since {@code since}; each until its last failure + lockout. */
    public List<Lock> locked(int max, Instant since, java.time.Duration lockout) {
        return db.read(c -> {
            List<Lock> locks = new ArrayList<>();
            collect(c, "login", "SELECT login, sum(failures), max(last_at) FROM auth_failure WHERE last_at > ? GROUP BY login"
                    + " HAVING sum(failures) >= ? ORDER BY login", max, since, lockout, locks);
            collect(c, "address", "SELECT address, sum(failures), max(last_at) FROM auth_failure WHERE office = 0 AND last_at > ?"
                    + " GROUP BY address HAVING sum(failures) >= ? ORDER BY address", max, since, lockout, locks);
            return locks;
        });
    }

    private static void collect(java.sql.Connection c, String kind, String sql, int max, Instant since, java.time.Duration lockout,
            List<Lock> into) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, since.toEpochMilli());
            s.setInt(2, max);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) into.add(new Lock(kind, rs.getString(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)).plus(lockout)));
            }
        }
    }

    /** Forgets every failure of a login, or from an address; returns how many rows went. */
    public int unlock(String loginOrAddress) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM auth_failure WHERE login = ? OR address = ?")) {
                s.setString(1, key(loginOrAddress));
                s.setString(2, loginOrAddress);
                return s.executeUpdate();
            }
        });
    }
}
