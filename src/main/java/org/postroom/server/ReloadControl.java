package org.postroom.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.postroom.control.ControlFolder;
import org.postroom.control.ControlWatcher;
import org.postroom.control.ProcessLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code postroom reload} reaches the running server, the way {@code collect now} does: the server holds
 * {@code run/server.lock}; the command writes an empty {@code run/control/NAME.request} (through
 * {@code control/tmp/} and a rename), the server reloads within a quarter of a second and answers in
 * {@code NAME.reply} with the {@link ReloadResult}. A command that can take the lock knows no server runs.
 * (SIGHUP reloads the same way, but only the log hears the answer.) The files are {@link ControlFolder}'s.
 *
 * <p>SECURITY: the control folder is as trusted as the data folder; a request carries no data, only its name.
 */
public final class ReloadControl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReloadControl.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessLock lock;
    private Optional<ControlWatcher> watcher = Optional.empty();

    private ReloadControl(ProcessLock lock) {
        this.lock = lock;
    }

    private static ControlFolder control(Path dataDir) {
        Path control = dataDir.resolve("run").resolve("control");
        return new ControlFolder(control, control.resolve("tmp"));
    }

    /** Takes the server's lock, or empty when a running server holds it. */
    public static Optional<ReloadControl> tryAcquire(Path dataDir) throws IOException {
        control(dataDir).create();
        return ProcessLock.tryAcquire(dataDir.resolve("run").resolve("server.lock")).map(ReloadControl::new);
    }

    /** True when a server runs on {@code dataDir} (it holds the lock). */
    public static boolean serverRuns(Path dataDir) throws IOException {
        Optional<ReloadControl> lock = tryAcquire(dataDir);
        lock.ifPresent(ReloadControl::close);
        return lock.isEmpty();
    }

    /** Server side: answers each request with {@code reload}'s result until closed. */
    void serve(Path dataDir, Supplier<ReloadResult> reload) {
        watcher = Optional.of(ControlWatcher.start("reload-control", control(dataDir), request -> {
            ReloadResult result = reload.get();
            return JSON.writeValueAsBytes(new ReplyJson(result.applied(), result.needsRestart(), result.error().orElse(null)));
        }, log));
    }

    record ReplyJson(List<String> applied, List<String> needsRestart, String error) {}

    /** Client side: asks the running server to reload, and waits up to {@code patience} for its answer. */
    public static ReloadResult throughServer(Path dataDir, Duration patience) throws IOException {
        ControlFolder control = control(dataDir);
        String name = control.submit(new byte[0]);
        Optional<byte[]> reply = control.awaitReply(name, patience);
        if (reply.isPresent()) {
            ReplyJson r = JSON.readValue(reply.get(), ReplyJson.class);
            return new ReloadResult(r.applied(), r.needsRestart(), Optional.ofNullable(r.error()));
        }
        control.withdraw(name); // a reload nobody waits for any more must not happen later by surprise
        return ReloadResult.failed("the running server did not answer within " + patience.toSeconds() + " s");
    }

    @Override
    public void close() {
        watcher.ifPresent(w -> w.close(Duration.ofMinutes(1)));
        try {
            lock.close();
        } catch (IOException e) {
            log.debug("reload control: releasing the lock: {}", e.toString());
        }
    }
}
