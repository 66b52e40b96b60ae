package org.postroom.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock that says "a server runs here", tried again inside the JVM that holds it (the server running a command
 * itself): the answer is "held", and the lock stays held for every other process.
 */
class ProcessLockTest {
    @TempDir
    Path dir;

    /** Whether another process gets the same kind of lock (fcntl, as Java's FileChannel takes it) on {@code file}. */
    private static boolean anotherProcessCanLock(Path file) throws Exception {
        Process p = new ProcessBuilder("python3", "-c",
                "import fcntl, sys\nf = open(sys.argv[1], 'a')\ntry:\n    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept OSError:\n    sys.exit(1)",
                file.toString()).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0;
    }

    @Test
    void aSecondTryInTheSameJvmSaysHeldAndLeavesTheLockHeld() throws Exception {
        Path file = dir.resolve("server.lock");
        try (ProcessLock held = ProcessLock.tryAcquire(file).orElseThrow()) {
            assertThat(ProcessLock.tryAcquire(file)).isEmpty();
            assertThat(ProcessLock.tryAcquire(dir.resolve(".").resolve("server.lock"))).as("another spelling").isEmpty();
            assertThat(anotherProcessCanLock(file)).as("still held for other processes").isFalse();
        }
        assertThat(anotherProcessCanLock(file)).as("released at close").isTrue();
        Optional<ProcessLock> again = ProcessLock.tryAcquire(file);
        assertThat(again).isPresent();
        again.get().close();
    }
}
