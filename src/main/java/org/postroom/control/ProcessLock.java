package org.postroom.control;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock (fcntl) on a file that says "a server runs here": held for as long as the server runs, and
 * released by the kernel even after kill -9, so a stale lock file never keeps a command waiting. A command that
 * gets the lock knows no server runs and may do the work itself.
 */
public final class ProcessLock implements AutoCloseable {
    /**
     * The lock files this JVM holds. A second channel on one must never be opened: fcntl locks belong to the process,
     * and closing any descriptor of the file drops them all (FileLock's javadoc warns of it), so a command the server
     * runs itself (admin.RemoteCommand), or a test's CLI beside its server, that tried the lock and closed its channel
     * would silently free the server's lock for every other process.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock on {@code file} (created if missing), or empty when another process (or this JVM) holds it. */
    public static Optional<ProcessLock> tryAcquire(Path file) throws IOException {
        Path key = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath().normalize();
        if (!HELD.add(key)) return Optional.empty(); // held in this JVM: not even a channel opened
        boolean held = false;
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    held = true;
                    return Optional.of(new ProcessLock(key, channel, lock));
                }
            } catch (OverlappingFileLockException e) {
                // held in this JVM under another name of the file
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            channel.close();
            return Optional.empty();
        } finally {
            if (!held) HELD.remove(key);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD.remove(key);
            }
        }
    }
}
