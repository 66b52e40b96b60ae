package org.postroom.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.postroom.message.MailAddress;

/**
 * API tokens for scripts ({@code postroom token create}, {@code /api/v1/tokens}): {@code Authorization: Bearer} acts
 * as the token's user. A token is {@value #PREFIX} and 256 random bits; it is shown once, and only its SHA-256 is
 * stored.
 *
 * <p>Why a plain SHA-256 and not Argon2 as for passwords: a slow hash protects secrets a person chose, which an
 * attacker with the database can guess by trying likely ones. A 256-bit random token cannot be guessed, so one
 * fast hash already makes the stolen column useless, and the lookup can be by the hash itself (an index, no
 * per-request Argon2 cost that a flood of bad tokens could turn against the server).
 */
public final class ApiTokens {
    public static final String PREFIX = "prt_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored token, without its secret. */
    public record Token(long id, MailAddress user, String name, Instant created, Optional<Instant> lastUsed) {}

    /** A token just made: {@code secret} is shown once and never again. */
    public record Created(Token token, String secret) {}

    private final Database db;

    public ApiTokens(Database db) {
        this.db = db;
    }

    /** A new token for the user, who must exist; {@code name} says what it is for (may be empty). */
    public Created create(User user, String name, Instant now) {
        String label = name == null ? "" : name.strip();
        if (label.length() > 100) throw new DirectoryException(DirectoryException.Kind.INVALID, "a token's name is at most 100 characters");
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long id = db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO api_token(user_id, name, hash, created_at) VALUES (?, ?, ?, ?) RETURNING id")) {
                s.setLong(1, user.id());
                s.setString(2, label);
                s.setString(3, hash(secret));
                s.setLong(4, now.toEpochMilli());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Created(new Token(id, user.address(), label, now, Optional.empty()), secret);
    }

    /** How often a token's {@code last_used} is written at most. */
    static final long LAST_USED_EVERY_MILLIS = 60_000;

    /** The id of the user whose token this is; records its use (to the minute). */
    public Optional<Long> verify(String secret, Instant now) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) return Optional.empty();
        String hash = hash(secret);
        // A read first: a bad token (or a flood of them) never takes the database's write lock; last_used is written
        // at most once a minute per token, so a busy API client does not turn every request into a commit.
        record Found(long id, long userId, long lastUsed) {}
        Optional<Found> found = db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, user_id, coalesce(last_used, 0) FROM api_token WHERE hash = ?")) {
                s.setString(1, hash);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new Found(rs.getLong(1), rs.getLong(2), rs.getLong(3))) : Optional.<Found>empty();
                }
            }
        });
        if (found.isEmpty()) return Optional.empty();
        if (now.toEpochMilli() - found.get().lastUsed() >= LAST_USED_EVERY_MILLIS) {
            db.write(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE api_token SET last_used = ? WHERE id = ?")) {
                    s.setLong(1, now.toEpochMilli());
                    s.setLong(2, found.get().id());
                    return s.executeUpdate();
                }
            });
        }
        return Optional.of(found.get().userId());
    }

    /** Every token, or one user's ({@code user} present). */
    public List<Token> list(Optional<MailAddress> user) {
        return db.read(c -> {
            List<Token> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT t.id, e.local_part, e.domain, t.name, t.created_at, t.last_used
                    FROM api_token t JOIN entry e ON e.id = t.user_id ORDER BY t.id""");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    MailAddress address = new MailAddress(rs.getString(2), rs.getString(3));
                    if (user.isPresent() && !user.get().key().equals(address.key())) continue;
                    long used = rs.getLong(6);
                    out.add(new Token(rs.getLong(1), address, rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)),
                            rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(used))));
                }
            }
            return out;
        });
    }

    /** Revokes a token by its id; refused when there is none. */
    public Token revoke(long id) {
        Token token = list(Optional.empty()).stream().filter(t -> t.id() == id).findFirst()
                .orElseThrow(() -> new DirectoryException(DirectoryException.Kind.NOT_FOUND, "no token " + id + " (see `postroom token list`)"));
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM api_token WHERE id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            return null;
        });
        return token;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
