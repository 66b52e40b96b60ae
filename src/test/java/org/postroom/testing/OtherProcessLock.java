package org.postroom.testing;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Asks another process (Python) for the kind of lock Java's FileChannel takes (fcntl): is a lock file held? */
public final class OtherProcessLock {
    private OtherProcessLock() {}

    /** Whether another process gets an exclusive lock on {@code file} now (it lets go again at once). */
    public static boolean canTake(Path file) throws Exception {
        String script = """
                import fcntl, sys
                f = open(sys.argv[1], 'a')
                try:
                    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    sys.exit(1)
                """;
        Process p = new ProcessBuilder("python3", "-c", script, file.toString()).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("python3 did not answer within 30 s");
        return p.exitValue() == 0;
    }
}
