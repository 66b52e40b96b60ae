package org.postroom.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real full disk for a test: a tmpfs of a few hundred KiB mounted over one folder, so writes there fail with
 * "No space left on device" exactly as on a full disk, through the same system calls. Needs root (CI runs the
 * tests as root); without it, or without {@code mount}, the test is skipped and says why.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path folder;

    private SmallDisk(Path folder) {
        this.folder = folder;
    }

    /** Mounts a tmpfs of {@code bytes} over {@code folder} (made if missing), or skips the test. */
    public static SmallDisk mount(Path folder, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Run run = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0700", "tmpfs", folder.toString()));
        Assumptions.assumeTrue(run.code() == 0, () -> "skipped: cannot mount a small tmpfs to fill (needs root and mount): " + run.output());
        return new SmallDisk(folder);
    }

    /** The files in the small disk now. */
    public List<Path> files() throws IOException {
        try (var s = Files.list(folder)) {
            return s.toList();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("umount", "-l", folder.toString())); // lazy: a file still open in the server does not keep it
    }

    private record Run(int code, String output) {}

    private static Run run(List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, String.join(" ", command) + " did not finish");
            }
            return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Run(-1, e.getMessage());
        }
    }
}
