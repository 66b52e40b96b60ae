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
 * libargon2, the reference implementation in C (Debian's libargon2-1, which Dovecot uses too), called through
 * Java's foreign function API when the library is installed. It computes the same hash as BouncyCastle's pure Java
 * Argon2 about twice as fast and at a steady speed, whereas the JIT compiles BouncyCastle's inner loop well in some
 * JVM runs and at half the speed in others; a POP3 login is mostly this hash. No library: the caller falls back to
 * BouncyCastle.
 */
final class NativeArgon2 {
    /** {@code int argon2id_hash_raw(uint32 t, uint32 m, uint32 p, const void *pwd, size_t, const void *salt, size_t, void *hash, size_t)}. */
    private static final Optional<MethodHandle> HASH_RAW = find();

    private NativeArgon2() {}

    static boolean available() {
        return HASH_RAW.isPresent();
    }

    /** The raw Argon2id (version 0x13) hash; the password bytes copied to native memory are wiped after. */
    static byte[] argon2id(byte[] password, byte[] salt, int iterations, int memoryKiB, int parallelism, int length) {
        MethodHandle hashRaw = HASH_RAW.orElseThrow(() -> new IllegalStateException("libargon2 is not available"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pwd = arena.allocate(Math.max(1, password.length));
            MemorySegment.copy(password, 0, pwd, JAVA_BYTE, 0, password.length);
            MemorySegment saltSegment = arena.allocate(Math.max(1, salt.length));
            MemorySegment.copy(salt, 0, saltSegment, JAVA_BYTE, 0, salt.length);
            MemorySegment out = arena.allocate(length);
            int rc;
            try {
                rc = (int) hashRaw.invokeExact(iterations, memoryKiB, parallelism, pwd, (long) password.length, saltSegment,
                        (long) salt.length, out, (long) length);
            } finally {
                pwd.fill((byte) 0);
            }
            if (rc != 0) throw new IllegalStateException("libargon2 argon2id_hash_raw failed with error " + rc);
            return out.toArray(JAVA_BYTE);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libargon2 call failed", e);
        }
    }

    private static Optional<MethodHandle> find() {
        if (Boolean.getBoolean("postroom.argon2.java")) return Optional.empty(); // to measure or test the Java fallback
        for (String name : List.of("libargon2.so.1", "libargon2.so")) {
            try {
                SymbolLookup library = SymbolLookup.libraryLookup(name, Arena.global());
                Optional<MemorySegment> function = library.find("argon2id_hash_raw");
                if (function.isEmpty()) continue;
                return Optional.of(Linker.nativeLinker().downcallHandle(function.get(),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG)));
            } catch (IllegalArgumentException | IllegalCallerException | UnsupportedOperationException e) {
                // not installed here (or native access refused): try the next name, then fall back to Java
            }
        }
        return Optional.empty();
    }
}
