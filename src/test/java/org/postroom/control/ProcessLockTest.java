package org.postroom.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.OtherProcessLock;

/**
 * The lock that says "a server runs here", tried again inside the JVM that holds it (the server running a command
 * itself): the answer is "held", and the lock stays held for every other process.
 */
class ProcessLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondTryInTheSameJvmSaysHeldAndLeavesTheLockHeld() throws Exception {
        Path file = dir.resolve("server.lock");
        try (ProcessLock held = ProcessLock.tryAcquire(file).orElseThrow()) {
            assertThat(ProcessLock.tryAcquire(file)).isEmpty();
            assertThat(ProcessLock.tryAcquire(dir.resolve(".").resolve("server.lock"))).as("another spelling").isEmpty();
            assertThat(OtherProcessLock.canTake(file)).as("still held for other processes").isFalse();
        }
        assertThat(OtherProcessLock.canTake(file)).as("released at close").isTrue();
        Optional<ProcessLock> again = ProcessLock.tryAcquire(file);
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void aLockFileMadeThroughASymlinkIsTheSameFileByItsRealPath() throws Exception {
        Path real = Files.createDirectories(dir.resolve("srv").resolve("data"));
        Path link = Files.createSymbolicLink(dir.resolve("data"), real); // as /var/lib/postroom -> /srv/... may be
        try (ProcessLock held = ProcessLock.tryAcquire(link.resolve("server.lock")).orElseThrow()) { // a new file
            assertThat(ProcessLock.tryAcquire(real.resolve("server.lock"))).isEmpty();
            assertThat(OtherProcessLock.canTake(real.resolve("server.lock"))).as("still held for other processes").isFalse();
        }
    }
}
