package org.postroom.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.postroom.control.ProcessLock;

/**
 * Who owns the queue: the running server holds an exclusive lock on {@code data/queue/queue.lock} (fcntl, released
 * by the kernel even after kill -9) for as long as it runs, and is then the only writer of envelope files. A
 * {@code postroom queue} command that gets the lock works on the files itself; one that does not hands its
 * request to the server ({@link QueueControl}). The lock itself is a {@link ProcessLock}.
 */
final class QueueLock implements AutoCloseable {
    private final ProcessLock lock;

    private QueueLock(ProcessLock lock) {
        this.lock = lock;
    }

    /** The lock, or empty when another process (or this JVM: a server in a test) holds it. */
    static Optional<QueueLock> tryAcquire(Path file) throws IOException {
        return ProcessLock.tryAcquire(file).map(QueueLock::new);
    }

    /** Waits up to {@code patience} for the lock (a queue command may hold it for a moment). */
    static QueueLock acquire(Path file, Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<QueueLock> lock = tryAcquire(file);
            if (lock.isPresent()) return lock.get();
            if (System.nanoTime() > deadline) {
                throw new IOException("the queue in " + file.getParent() + " is in use by another Postroom process");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the queue lock", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
