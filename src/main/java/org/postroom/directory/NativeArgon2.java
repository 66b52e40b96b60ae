package org.postroom.directory;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * Argon2id in C, called through Java's foreign function API when a library is installed: libsodium (Debian's
 * libsodium23, which Dovecot uses for its ARGON2ID scheme; vectorised, about 17% faster here) for the parameters
 * it takes (one lane, a 16-octet salt), else libargon2 (the reference implementation, Debian's libargon2-1). Both
 * compute the same hash as BouncyCastle's pure Java Argon2, at least twice as fast and at a steady speed, whereas
 * the JIT compiles BouncyCastle's inner loop well in some JVM runs and at half the speed in others; a POP3 login is
 * mostly this hash. Neither library: the caller falls back to BouncyCastle.
 */
final class NativeArgon2 {
    /** {@code int crypto_pwhash_argon2id(uchar *out, ulonglong outlen, const char *pwd, ulonglong, const uchar *salt, ulonglong ops, size_t mem, int alg)}. */
    private static final Optional<MethodHandle> SODIUM = find(List.of("libsodium.so.23", "libsodium.so"), "crypto_pwhash_argon2id",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT));
    /** {@code int argon2id_hash_raw(uint32 t, uint32 m, uint32 p, const void *pwd, size_t, const void *salt, size_t, void *hash, size_t)}. */
    private static final Optional<MethodHandle> LIBARGON2 = find(List.of("libargon2.so.1", "libargon2.so"), "argon2id_hash_raw",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
    /** libsodium's crypto_pwhash_argon2id_ALG_ARGON2ID13. */
    private static final int SODIUM_ARGON2ID13 = 2;
    private static final int SODIUM_SALT_BYTES = 16;
    private static final int SODIUM_MIN_OUTPUT = 16;

    private NativeArgon2() {}

    /** The raw Argon2id (version 0x13) hash, or empty when no installed library takes these parameters. */
    static Optional<byte[]> argon2id(byte[] password, byte[] salt, int iterations, int memoryKiB, int parallelism, int length) {
        Optional<byte[]> hash = libsodium(password, salt, iterations, memoryKiB, parallelism, length);
        return hash.isPresent() ? hash : libargon2(password, salt, iterations, memoryKiB, parallelism, length);
    }

    /** Through libsodium, if it is installed and takes these parameters. */
    static Optional<byte[]> libsodium(byte[] password, byte[] salt, int iterations, int memoryKiB, int parallelism, int length) {
        if (SODIUM.isEmpty() || parallelism != 1 || salt.length != SODIUM_SALT_BYTES || length < SODIUM_MIN_OUTPUT) return Optional.empty();
        return Optional.of(call("libsodium crypto_pwhash_argon2id", password, salt, length, (pwd, saltSegment, out) ->
                (int) SODIUM.get().invokeExact(out, (long) length, pwd, (long) password.length, saltSegment, (long) iterations,
                        (long) memoryKiB * 1024, SODIUM_ARGON2ID13)));
    }

    /** Through libargon2, if it is installed. */
    static Optional<byte[]> libargon2(byte[] password, byte[] salt, int iterations, int memoryKiB, int parallelism, int length) {
        if (LIBARGON2.isEmpty()) return Optional.empty();
        return Optional.of(call("libargon2 argon2id_hash_raw", password, salt, length, (pwd, saltSegment, out) ->
                (int) LIBARGON2.get().invokeExact(iterations, memoryKiB, parallelism, pwd, (long) password.length, saltSegment,
                        (long) salt.length, out, (long) length)));
    }

    @FunctionalInterface
    private interface Call {
        int invoke(MemorySegment password, MemorySegment salt, MemorySegment out) throws Throwable;
    }

    /** Copies the inputs to native memory, calls, and wipes the password's copy whatever happens. */
    private static byte[] call(String what, byte[] password, byte[] salt, int length, Call call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pwd = arena.allocate(Math.max(1, password.length));
            MemorySegment.copy(password, 0, pwd, JAVA_BYTE, 0, password.length);
            MemorySegment saltSegment = arena.allocate(Math.max(1, salt.length));
            MemorySegment.copy(salt, 0, saltSegment, JAVA_BYTE, 0, salt.length);
            MemorySegment out = arena.allocate(length);
            int rc;
            try {
                rc = call.invoke(pwd, saltSegment, out);
            } finally {
                pwd.fill((byte) 0);
            }
            if (rc != 0) throw new IllegalStateException(what + " failed with error " + rc);
            return out.toArray(JAVA_BYTE);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(what + " call failed", e);
        }
    }

    private static Optional<MethodHandle> find(List<String> names, String symbol, FunctionDescriptor signature) {
        if (Boolean.getBoolean("postroom.argon2.java")) return Optional.empty(); // to measure or test the Java fallback
        for (String name : names) {
            try {
                SymbolLookup library = SymbolLookup.libraryLookup(name, Arena.global());
                Optional<MemorySegment> function = library.find(symbol);
                if (function.isEmpty()) continue;
                MethodHandle handle = Linker.nativeLinker().downcallHandle(function.get(), signature);
                if (symbol.startsWith("crypto_") && !sodiumReady(library)) continue;
                return Optional.of(handle);
            } catch (IllegalArgumentException | IllegalCallerException | UnsupportedOperationException e) {
                // not installed here (or native access refused): try the next name, then fall back to Java
            }
        }
        return Optional.empty();
    }

    /** libsodium must be initialised once before use: {@code sodium_init()} is 0 (done now) or 1 (done before). */
    private static boolean sodiumReady(SymbolLookup library) {
        Optional<MemorySegment> init = library.find("sodium_init");
        if (init.isEmpty()) return false;
        try {
            int rc = (int) Linker.nativeLinker().downcallHandle(init.get(), FunctionDescriptor.of(JAVA_INT)).invokeExact();
            return rc == 0 || rc == 1;
        } catch (Throwable e) {
            return false;
        }
    }
}
