package org.postroom.control;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
     * The lock files this JVM holds, by file key (device and inode: one file however its path is spelled, through a
     * symlink or not). A second channel on one must never be closed: fcntl locks belong to the process, and closing
     * any descriptor of the file drops them all (FileLock's javadoc warns of it), so a command the server runs itself
     * (admin.RemoteCommand), or a test's CLI beside its server, that tried the lock and closed its channel would
     * silently free the server's lock for every other process.
     */
    private static final Set<Object> HELD = ConcurrentHashMap.newKeySet();

    private final Object key;
    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(Object key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock on {@code file} (created if missing), or empty when another process (or this JVM) holds it. */
    public static Optional<ProcessLock> tryAcquire(Path file) throws IOException {
        try {
            Files.createFile(file); // without opening a descriptor on a file that is there
        } catch (FileAlreadyExistsException e) {
            // the usual case
        }
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        if (key == null) key = file.toRealPath(); // a file system without keys
        if (!HELD.add(key)) return Optional.empty(); // held in this JVM: not even a channel opened
        boolean held = false;
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    held = true;
                    return Optional.of(new ProcessLock(key, channel, lock));
                }
            } catch (OverlappingFileLockException e) {
                // Held in this JVM outside this class: closing the channel would drop that lock, so it stays open.
                return Optional.empty();
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
