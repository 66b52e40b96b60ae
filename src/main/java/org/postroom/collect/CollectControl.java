package org.postroom.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postroom.files.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code postroom collect now} reaches the running server, the way {@code postroom queue} does: the server
 * holds {@code collect/collect.lock}; a command that cannot take it writes {@code collect/control/NAME.request}
 * (in {@code collect/control/tmp}, then renamed) holding an account name, or nothing for all accounts; the server
 * picks it up within a quarter of a second, runs the cycles, and answers in {@code NAME.reply} with the reports.
 * When no server runs, the command takes the lock and runs the cycles itself.
 *
 * <p>SECURITY: the control folder is as trusted as the data folder; an account name in a request is only looked
 * up, never used as a path.
 */
public final class CollectControl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("postroom.collect");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = ".request";
    private static final String REPLY = ".reply";

    private final FileChannel channel;
    private final FileLock lock;
    private volatile boolean stopped;
    private Thread watcher;

    private CollectControl(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path dir(Path dataDir) {
        return dataDir.resolve("collect");
    }

    private static Path control(Path dataDir) {
        return dir(dataDir).resolve("control");
    }

    /** Takes the collector's lock, or empty when another process (a running server) holds it. */
    public static Optional<CollectControl> tryAcquire(Path dataDir) throws IOException {
        OwnerOnly.createDirectories(control(dataDir).resolve("tmp")); // 0700, and data/collect above it
        FileChannel channel = FileChannel.open(dir(dataDir).resolve("collect.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new CollectControl(channel, lock));
        } catch (OverlappingFileLockException e) {
            channel.close();
            return Optional.empty();
        }
    }

    /** Server side: answers requests for {@code collector} until closed. */
    public void serve(Path dataDir, Collector collector) {
        watcher = Thread.ofVirtual().name("collect-control").start(() -> {
            while (!stopped) {
                try {
                    answer(dataDir, collector);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    log.warn("collect control: {}", e.toString());
                }
            }
        });
    }

    private static void answer(Path dataDir, Collector collector) throws IOException {
        Path control = control(dataDir);
        try (DirectoryStream<Path> requests = Files.newDirectoryStream(control, "*" + REQUEST)) {
            for (Path request : requests) {
                String account = Files.readString(request, StandardCharsets.UTF_8).strip();
                String name = request.getFileName().toString();
                name = name.substring(0, name.length() - REQUEST.length());
                Reply reply = runDirectly(collector, account.isEmpty() ? Optional.empty() : Optional.of(account));
                Path tmp = control.resolve("tmp").resolve(name + REPLY);
                Files.writeString(tmp, JSON.writeValueAsString(ReplyJson.of(reply)), StandardCharsets.UTF_8);
                Files.move(tmp, control.resolve(name + REPLY), StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(request);
            }
        }
    }

    /** The answer to {@code collect now}: the cycles' reports, or why there are none. */
    public record Reply(boolean ok, String message, List<CycleReport> reports) {}

    record ReportJson(String account, long started, long finished, int messages, int delivered, int unresolved, int duplicates, String error,
            Long next) {
        static ReportJson of(CycleReport r) {
            return new ReportJson(r.account(), r.started().toEpochMilli(), r.finished().toEpochMilli(), r.messages(), r.delivered(), r.unresolved(),
                    r.duplicates(), r.error().orElse(null), r.next().map(java.time.Instant::toEpochMilli).orElse(null));
        }

        CycleReport report() {
            return new CycleReport(account, java.time.Instant.ofEpochMilli(started), java.time.Instant.ofEpochMilli(finished), messages, delivered,
                    unresolved, duplicates, Optional.ofNullable(error), Optional.ofNullable(next).map(java.time.Instant::ofEpochMilli));
        }
    }

    record ReplyJson(boolean ok, String message, List<ReportJson> reports) {
        static ReplyJson of(Reply r) {
            return new ReplyJson(r.ok(), r.message(), r.reports().stream().map(ReportJson::of).toList());
        }

        Reply reply() {
            return new Reply(ok, message, reports.stream().map(ReportJson::report).toList());
        }
    }

    /** Runs the cycles in this process. */
    public static Reply runDirectly(Collector collector, Optional<String> account) {
        if (account.isPresent() && !collector.accountNames().contains(account.get())) {
            return new Reply(false, "no collect account \"" + account.get() + "\"", List.of());
        }
        List<CycleReport> reports = new ArrayList<>();
        for (String name : account.map(List::of).orElse(collector.accountNames())) reports.add(collector.runNow(name));
        return new Reply(true, reports.size() + " cycle(s) run", reports);
    }

    /** Client side: hands the request to the running server and waits up to {@code patience} for its answer. */
    public static Reply throughServer(Path dataDir, Optional<String> account, Duration patience) throws IOException {
        Path control = control(dataDir);
        String name = System.currentTimeMillis() + "-" + ProcessHandle.current().pid();
        Path tmp = control.resolve("tmp").resolve(name + REQUEST);
        Files.writeString(tmp, account.orElse(""), StandardCharsets.UTF_8);
        Files.move(tmp, control.resolve(name + REQUEST), StandardCopyOption.ATOMIC_MOVE);
        Path reply = control.resolve(name + REPLY);
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(reply)) {
                Reply r = JSON.readValue(Files.readString(reply, StandardCharsets.UTF_8), ReplyJson.class).reply();
                Files.deleteIfExists(reply);
                return r;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Reply(false, "the running server did not answer within " + patience.toSeconds() + "s; the cycle may still run", List.of());
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        if (watcher != null) { // not interrupted: a cycle it runs finishes and is recorded
            try {
                watcher.join(Duration.ofMinutes(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.release();
        channel.close();
    }
}
