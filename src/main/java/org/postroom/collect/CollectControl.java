package org.postroom.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postroom.control.ControlFolder;
import org.postroom.control.ControlWatcher;
import org.postroom.control.ProcessLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code postroom collect now} reaches the running server, the way {@code postroom queue} does: the server
 * holds {@code collect/collect.lock}; a command that cannot take it writes {@code collect/control/NAME.request}
 * (in {@code collect/control/tmp}, then renamed) holding an account name, or nothing for all accounts; the server
 * picks it up within a quarter of a second, runs the cycles, and answers in {@code NAME.reply} with the reports.
 * When no server runs, the command takes the lock and runs the cycles itself. The files are {@link ControlFolder}'s.
 *
 * <p>SECURITY: the control folder is as trusted as the data folder; an account name in a request is only looked
 * up, never used as a path.
 */
public final class CollectControl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("postroom.collect");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessLock lock;
    private Optional<ControlWatcher> watcher = Optional.empty();

    private CollectControl(ProcessLock lock) {
        this.lock = lock;
    }

    static Path dir(Path dataDir) {
        return dataDir.resolve("collect");
    }

    private static ControlFolder control(Path dataDir) {
        Path control = dir(dataDir).resolve("control");
        return new ControlFolder(control, control.resolve("tmp"));
    }

    /** Takes the collector's lock, or empty when another process (a running server) holds it. */
    public static Optional<CollectControl> tryAcquire(Path dataDir) throws IOException {
        control(dataDir).create(); // 0700, and data/collect above it
        return ProcessLock.tryAcquire(dir(dataDir).resolve("collect.lock")).map(CollectControl::new);
    }

    /** Server side: answers requests for {@code collector} until closed. */
    public void serve(Path dataDir, Collector collector) {
        watcher = Optional.of(ControlWatcher.start("collect-control", control(dataDir), request -> {
            String text = new String(request, StandardCharsets.UTF_8).strip();
            // An account name, or nothing, is `collect now` (as before issue 13); a JSON object is one of the other requests.
            Request r = text.startsWith("{") ? JSON.readValue(text, Request.class) : Request.collect(text.isEmpty() ? Optional.empty() : Optional.of(text));
            return JSON.writeValueAsBytes(ReplyJson.of(answer(collector, r)));
        }, log));
    }

    /**
     * What a command asks of the collector that runs, when it cannot do it itself: {@code collect} (a cycle now),
     * {@code reread} (the accounts kept in the database changed), {@code deliver} (a held message to an address).
     */
    public record Request(String op, String account, String id, String to) {
        public static Request collect(Optional<String> account) {
            return new Request("collect", account.orElse(null), null, null);
        }

        public static Request reread() {
            return new Request("reread", null, null, null);
        }

        public static Request deliver(String account, String id, String to) {
            return new Request("deliver", account, id, to);
        }
    }

    /** Carries out {@code r} with {@code collector}, in this process. */
    public static Reply answer(Collector collector, Request r) {
        try {
            return switch (r.op() == null ? "" : r.op()) {
                case "collect" -> runDirectly(collector, Optional.ofNullable(r.account()));
                case "reread" -> new Reply(true, collector.reread(), List.of());
                case "deliver" -> new Reply(true, collector.deliverHeld(r.account(), r.id(), org.postroom.message.MailAddress.parse(r.to())), List.of());
                default -> new Reply(false, "unknown request \"" + r.op() + "\"", List.of());
            };
        } catch (IOException | RuntimeException e) {
            return new Reply(false, e.getMessage() == null ? e.toString() : e.getMessage(), List.of());
        }
    }

    /** The answer to {@code collect now}: the cycles' reports, or why there are none. */
    public record Reply(boolean ok, String message, List<CycleReport> reports) {}

    record ReportJson(String account, long started, long finished, int messages, int delivered, int unresolved, int duplicates, String error,
            Long next) {
        static ReportJson of(CycleReport r) {
            return new ReportJson(r.account(), r.started().toEpochMilli(), r.finished().toEpochMilli(), r.messages(), r.delivered(), r.unresolved(),
                    r.duplicates(), r.error().orElse(null), r.next().map(Instant::toEpochMilli).orElse(null));
        }

        CycleReport report() {
            return new CycleReport(account, Instant.ofEpochMilli(started), Instant.ofEpochMilli(finished), messages, delivered,
                    unresolved, duplicates, Optional.ofNullable(error), Optional.ofNullable(next).map(Instant::ofEpochMilli));
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
        return throughServer(dataDir, Request.collect(account), patience);
    }

    /** The same for any request. */
    public static Reply throughServer(Path dataDir, Request request, Duration patience) throws IOException {
        ControlFolder control = control(dataDir);
        byte[] body = request.op().equals("collect") ? Optional.ofNullable(request.account()).orElse("").getBytes(StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(request);
        String name = control.submit(body);
        Optional<byte[]> reply = control.awaitReply(name, patience);
        if (reply.isPresent()) return JSON.readValue(reply.get(), ReplyJson.class).reply();
        return new Reply(false, "the running server did not answer within " + patience.toSeconds() + "s; the cycle may still run", List.of());
    }

    @Override
    public void close() throws IOException {
        watcher.ifPresent(w -> w.close(Duration.ofMinutes(2))); // not interrupted: a cycle it runs finishes and is recorded
        lock.close();
    }
}
