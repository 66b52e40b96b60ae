package org.postroom.net;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The failed logins of one session, so that the same login and password tried again with another mechanism
 * counts once: Python's smtplib, told no, tries PLAIN and then LOGIN with the same password.
 *
 * <p>SECURITY: no password is kept, only a SHA-256 of it with the login under a salt drawn for this session, and
 * only for as long as the session lasts.
 */
public final class LoginAttempts {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A session has few logins; a client that sends more is not helped by being remembered. */
    private static final int MAX_REMEMBERED = 16;

    private final byte[] salt = new byte[16];
    private final Set<String> failed = new HashSet<>();

    public LoginAttempts() {
        RANDOM.nextBytes(salt);
    }

    /** Remembers a failed login; false when this session already failed with the same login and password. */
    boolean firstFailure(String login, char[] password) {
        String digest = digest(login, password);
        if (failed.contains(digest)) return false;
        if (failed.size() < MAX_REMEMBERED) failed.add(digest);
        return true;
    }

    private String digest(String login, char[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(login.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            byte[] array = new byte[bytes.remaining()];
            bytes.get(array);
            sha.update(array);
            Arrays.fill(array, (byte) 0);
            if (bytes.hasArray()) Arrays.fill(bytes.array(), (byte) 0);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
