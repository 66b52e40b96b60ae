package org.postroom.directory;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format that libargon2 and Dovecot write,
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (standard base64 without padding), so a directory can be
 * moved to or from Dovecot with its passwords.
 *
 * <p>New hashes use this hasher's {@link Params}; verification reads the parameters from the stored string, so the
 * defaults can be raised later without invalidating existing passwords.
 */
public final class PasswordHasher {

    /**
     * Argon2id cost parameters.
     *
     * @param memoryKiB memory per hash in KiB ({@code m})
     * @param iterations passes over memory ({@code t})
     * @param parallelism lanes ({@code p})
     */
    public record Params(int memoryKiB, int iterations, int parallelism) {
        /** OWASP's recommended minimum for Argon2id (Password Storage Cheat Sheet): 19 MiB, 2 passes, 1 lane. */
        public static final Params DEFAULT = new Params(19_456, 2, 1);

        public Params {
            if (parallelism < 1 || parallelism > 16) throw new IllegalArgumentException("parallelism out of range");
            if (iterations < 1 || iterations > 64) throw new IllegalArgumentException("iterations out of range");
            // RFC 9106 3.1: at least 8 KiB per lane. The upper bound stops a damaged database row from asking for gigabytes.
            if (memoryKiB < 8 * parallelism || memoryKiB > 1 << 21) throw new IllegalArgumentException("memory out of range");
        }
    }

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    /** No 0/O, 1/l/I: the generated password is read off a screen and typed by a person. */
    private static final String UNAMBIGUOUS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Params params;
    /**
     * Each hash takes {@code m} KiB (19 MiB by default) and tens of milliseconds of CPU. A burst of AUTH attempts on
     * hundreds of virtual threads would otherwise ask for gigabytes at once; this queues them instead.
     */
    private final Semaphore running;

    public PasswordHasher() {
        this(Params.DEFAULT);
    }

    public PasswordHasher(Params params) {
        this.params = params;
        this.running = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);
    }

    public Params params() {
        return params;
    }

    /** A new PHC string for this password, with a fresh random salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password, salt, params, HASH_BYTES);
        return format(params, salt, hash);
    }

    /**
     * Whether the password matches the stored PHC string. A string that is not an Argon2id PHC string never
     * matches (and costs no hashing time: only the directory's own, well-formed hashes reach this in practice).
     */
    public boolean verify(char[] password, String phc) {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) return false;
        Params stored;
        byte[] salt;
        byte[] expected;
        try {
            stored = new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            salt = Base64.getDecoder().decode(m.group(4));
            expected = Base64.getDecoder().decode(m.group(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] actual = argon2(password, salt, stored, expected.length);
        return MessageDigest.isEqual(actual, expected); // constant time in the contents
    }

    /**
     * A well-formed hash that no password matches, with this hasher's parameters: verifying against it costs the
     * same as verifying a real password, which is what hides whether a login exists.
     */
    String unmatchableHash() {
        return format(params, new byte[SALT_BYTES], new byte[HASH_BYTES]);
    }

    /** 16 characters from an unambiguous 57-letter alphabet: about 93 bits, for a first account's password. */
    public static String generatePassword() {
        char[] out = new char[16];
        for (int i = 0; i < out.length; i++) out[i] = UNAMBIGUOUS.charAt(RANDOM.nextInt(UNAMBIGUOUS.length()));
        return new String(out);
    }

    private byte[] argon2(char[] password, byte[] salt, Params p, int length) {
        running.acquireUninterruptibly();
        try {
            return argon2Now(password, salt, p, length);
        } finally {
            running.release();
        }
    }

    private static byte[] argon2Now(char[] password, byte[] salt, Params p, int length) {
        byte[] utf8 = utf8(password);
        try {
            Optional<byte[]> hash = NativeArgon2.argon2id(utf8, salt, p.iterations(), p.memoryKiB(), p.parallelism(), length);
            if (hash.isPresent()) return hash.get();
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
        return bouncyCastleArgon2(password, salt, p, length);
    }

    /** The pure Java Argon2id, where no Argon2 library is installed (and to check that they agree). */
    static byte[] bouncyCastleArgon2(char[] password, byte[] salt, Params p, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        byte[] utf8 = utf8(password);
        try {
            generator.generateBytes(utf8, out);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
        return out;
    }

    /** Encoded here rather than by a library's converter so that every copy of the password can be wiped. */
    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] utf8 = new byte[encoded.remaining()];
        encoded.get(utf8);
        Arrays.fill(encoded.array(), (byte) 0);
        return utf8;
    }

    private static String format(Params p, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + p.memoryKiB() + ",t=" + p.iterations() + ",p=" + p.parallelism()
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }
}
