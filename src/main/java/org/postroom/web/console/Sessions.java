package org.postroom.web.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.charset.StandardCharsets;

/**
 * The console's sign-ins, in memory: a restart signs everyone out, which for an office's administrators costs one
 * login and keeps session secrets off the disk. A session ends after {@code idle} without a request, after
 * {@code lifetime} whatever happens, or at logout. The id (the cookie's value) and the CSRF token are 256 random
 * bits each; sessions are bounded in number ({@link #MAX_SESSIONS}: the oldest goes first).
 */
public final class Sessions {
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration LIFETIME = Duration.ofHours(12);
    static final int MAX_SESSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One sign-in; {@code stamp}: its user's {@code Directory.credentialStamp} then. */
    public record Session(String id, long userId, String csrfToken, Instant created, Instant lastSeen, String stamp) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;

    public Sessions(Clock clock) {
        this(clock, IDLE, LIFETIME);
    }

    public Sessions(Clock clock, Duration idle, Duration lifetime) {
        this.clock = clock;
        this.idle = idle;
        this.lifetime = lifetime;
    }

    /** A new session for the user (after a successful login: a fresh id, so a planted one is never promoted). */
    public Session open(long userId, String stamp) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) evictOldest();
        Session s = new Session(randomToken(), userId, randomToken(), now, now, stamp);
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session with this id, its idle clock restarted; an expired one is forgotten. */
    public Optional<Session> touch(String id) {
        Session s = sessions.get(id);
        if (s == null) return Optional.empty();
        Instant now = clock.instant();
        if (expired(s, now)) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        Session fresh = new Session(s.id(), s.userId(), s.csrfToken(), s.created(), now, s.stamp());
        sessions.replace(id, s, fresh);
        return Optional.of(fresh);
    }

    public void close(String id) {
        sessions.remove(id);
    }

    /** Signs the user out everywhere (a password reset, a removal, a disable). */
    public void closeAllOf(long userId) {
        sessions.values().removeIf(s -> s.userId() == userId);
    }

    public int count() {
        sessions.values().removeIf(s -> expired(s, clock.instant()));
        return sessions.size();
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(idle)) || !now.isBefore(s.created().plus(lifetime));
    }

    private void evictOldest() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        if (sessions.size() < MAX_SESSIONS) return;
        sessions.values().stream().min(java.util.Comparator.comparing(Session::lastSeen)).ifPresent(s -> sessions.remove(s.id()));
    }

    /** 256 random bits, URL-safe base64 without padding (43 characters). */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Compares secrets in time that does not depend on where they differ. */
    public static boolean same(String a, String b) {
        if (a == null || b == null) return false;
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
