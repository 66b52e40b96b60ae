package org.postroom.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.postroom.files.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code postroom reload} reaches the running server, the way {@code collect now} does: the server holds
 * {@code run/server.lock}; the command writes an empty {@code run/control/NAME.request} (through
 * {@code control/tmp/} and a rename), the server reloads within a quarter of a second and answers in
 * {@code NAME.reply} with the {@link ReloadResult}. A command that can take the lock knows no server runs.
 * (SIGHUP reloads the same way, but only the log hears the answer.)
 *
 * <p>SECURITY: the control folder is as trusted as the data folder; a request carries no data, only its name.
 */
public final class ReloadControl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReloadControl.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = ".request";
    private static final String REPLY = ".reply";

    private final FileChannel channel;
    private final FileLock lock;
    private volatile boolean stopped;
    private Thread watcher;

    private ReloadControl(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    private static Path control(Path dataDir) {
        return dataDir.resolve("run").resolve("control");
    }

    /** Takes the server's lock, or empty when a running server holds it. */
    public static Optional<ReloadControl> tryAcquire(Path dataDir) throws IOException {
        OwnerOnly.createDirectories(control(dataDir).resolve("tmp"));
        FileChannel channel = FileChannel.open(dataDir.resolve("run").resolve("server.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) return Optional.of(new ReloadControl(channel, lock));
        } catch (OverlappingFileLockException e) {
            // held in this JVM: a server runs here
        }
        channel.close();
        return Optional.empty();
    }

    /** True when a server runs on {@code dataDir} (it holds the lock). */
    public static boolean serverRuns(Path dataDir) throws IOException {
        Optional<ReloadControl> lock = tryAcquire(dataDir);
        lock.ifPresent(ReloadControl::close);
        return lock.isEmpty();
    }

    /** Server side: answers each request with {@code reload}'s result until closed. */
    void serve(Path dataDir, Supplier<ReloadResult> reload) {
        watcher = Thread.ofVirtual().name("reload-control").start(() -> {
            while (!stopped) {
                try {
                    answer(dataDir, reload);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    log.warn("reload control: {}", e.toString());
                }
            }
        });
    }

    private static void answer(Path dataDir, Supplier<ReloadResult> reload) throws IOException {
        Path control = control(dataDir);
        try (DirectoryStream<Path> requests = Files.newDirectoryStream(control, "*" + REQUEST)) {
            for (Path request : requests) {
                String name = request.getFileName().toString();
                name = name.substring(0, name.length() - REQUEST.length());
                ReloadResult result = reload.get();
                Path tmp = control.resolve("tmp").resolve(name + REPLY);
                Files.write(tmp, JSON.writeValueAsBytes(new ReplyJson(result.applied(), result.needsRestart(), result.error().orElse(null))));
                Files.move(tmp, control.resolve(name + REPLY), StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(request);
            }
        }
    }

    record ReplyJson(List<String> applied, List<String> needsRestart, String error) {}

    /** Client side: asks the running server to reload, and waits up to {@code patience} for its answer. */
    public static ReloadResult throughServer(Path dataDir, Duration patience) throws IOException {
        Path control = control(dataDir);
        String name = System.currentTimeMillis() + "-" + ProcessHandle.current().pid();
        Path tmp = control.resolve("tmp").resolve(name + REQUEST);
        Files.write(tmp, new byte[0]);
        Files.move(tmp, control.resolve(name + REQUEST), StandardCopyOption.ATOMIC_MOVE);
        Path reply = control.resolve(name + REPLY);
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ReplyJson r = JSON.readValue(Files.readAllBytes(reply), ReplyJson.class);
                Files.deleteIfExists(reply);
                return new ReloadResult(r.applied(), r.needsRestart(), Optional.ofNullable(r.error()));
            } catch (NoSuchFileException e) {
                sleep();
            }
        }
        Files.deleteIfExists(control.resolve(name + REQUEST));
        return ReloadResult.failed("the running server did not answer within " + patience.toSeconds() + " s");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped = true;
        if (watcher != null) {
            try {
                watcher.join(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            log.debug("reload control: releasing the lock: {}", e.toString());
        }
    }
}
