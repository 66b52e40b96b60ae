package org.postroom.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.postroom.control.ControlFolder;
import org.postroom.trace.Event;
import org.postroom.trace.Trace;

/**
 * How {@code postroom queue} commands reach the queue while the server runs. The server holds the queue lock
 * ({@link QueueLock}) and is the only writer of envelope files; a command that cannot get the lock writes its
 * request as {@code control/NAME.request} (written in {@code tmp/}, then renamed, so the server never reads half
 * of one), the server's scheduler picks it up within a quarter of a second, carries it out between delivery
 * attempts, and answers in {@code control/NAME.reply}, which the command reads and removes. When no server runs,
 * the command takes the lock and changes the files itself; a request left behind by a server that stopped before
 * answering is carried out on its next start. The request and reply files are {@link ControlFolder}'s.
 *
 * <p>SECURITY: the control folder is as trusted as the rest of the data folder (whoever can write there can
 * edit the queue anyway); requests are still checked, since ids name files.
 */
public final class QueueControl {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueueControl() {}

    record RequestJson(String action, String id) {}

    /**
     * Carries out {@code request} on the queue in {@code spool}: directly when no server runs, through the server
     * otherwise, waiting up to {@code patience} for its answer.
     */
    public static AdminRequest.Reply submit(Spool spool, AdminRequest request, Clock clock, Duration patience) throws IOException {
        if (!Files.isDirectory(spool.dir())) return new AdminRequest.Reply(false, "no queue at " + spool.dir(), List.of());
        spool.create();
        Optional<QueueLock> lock = QueueLock.tryAcquire(spool.lockFile());
        if (lock.isPresent()) {
            try (QueueLock held = lock.get()) {
                return applyDirectly(spool, request, clock);
            }
        }
        return throughServer(spool, request, patience);
    }

    private static AdminRequest.Reply applyDirectly(Spool spool, AdminRequest request, Clock clock) throws IOException {
        List<String> ids = request.id().isPresent() ? List.of(request.id().get()) : spool.ids();
        List<String> done = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (String id : ids) {
            Optional<QueueEntry> entry = spool.read(id);
            if (entry.isEmpty()) continue;
            Optional<String> refusal = request.refusal(entry.get());
            if (refusal.isPresent()) {
                refused.add(refusal.get());
                continue;
            }
            Optional<QueueEntry> changed = request.applyTo(entry.get(), clock.instant());
            if (changed.isEmpty()) spool.remove(id);
            else spool.write(changed.get());
            done.add(id);
            AdminEvents.of(request.action(), entry.get(), clock.instant()).ifPresent(events::add);
        }
        // No server runs: the command writes the trace itself (the queue folder is in the data folder).
        Trace.appendOffline(spool.dir().toAbsolutePath().getParent(), events);
        String note = switch (request.action()) {
            case BOUNCE -> " (Postroom is not running: the bounce is sent when it starts)";
            case RETRY, RELEASE -> " (Postroom is not running: it tries when it starts)";
            default -> "";
        };
        return request.reply(done, refused, note);
    }

    private static AdminRequest.Reply throughServer(Spool spool, AdminRequest request, Duration patience) throws IOException {
        ControlFolder control = control(spool);
        String name = control.submit(JSON.writeValueAsBytes(
                new RequestJson(request.action().name().toLowerCase(Locale.ROOT), request.id().orElse(null))));
        Optional<byte[]> reply = control.awaitReply(name, patience);
        if (reply.isPresent()) return JSON.readValue(reply.get(), AdminRequest.Reply.class);
        return new AdminRequest.Reply(false, "Postroom is running but did not answer within " + patience.toSeconds()
                + " s; the request stays in " + spool.control() + " and is carried out when it does", List.of());
    }

    /** The queue's control folder; its files are staged in the spool's own {@code tmp/}. */
    private static ControlFolder control(Spool spool) {
        return new ControlFolder(spool.control(), spool.tmp());
    }

    /** A request waiting for the server, by its file name. */
    record Pending(String name, Optional<AdminRequest> request, String problem) {}

    /** The requests waiting in {@code control/}, oldest first; a request that does not parse comes with its problem. */
    static List<Pending> pending(Spool spool) throws IOException {
        List<Pending> out = new ArrayList<>();
        for (ControlFolder.Request file : control(spool).pending()) {
            try {
                RequestJson json = JSON.readValue(file.body(), RequestJson.class);
                AdminRequest.Action action = AdminRequest.Action.valueOf(json.action().toUpperCase(Locale.ROOT));
                out.add(new Pending(file.name(), Optional.of(new AdminRequest(action, Optional.ofNullable(json.id()))), ""));
            } catch (IOException | RuntimeException e) {
                out.add(new Pending(file.name(), Optional.empty(), "unreadable request: " + e.getMessage()));
            }
        }
        return out;
    }

    /** The server's answer to a request; the request file goes. */
    static void answer(Spool spool, String name, AdminRequest.Reply reply) throws IOException {
        control(spool).answer(name, JSON.writeValueAsBytes(reply));
    }

    /** Removes the answers that no command came for within {@code age}; returns how many. */
    static int sweepReplies(Spool spool, Duration age) throws IOException {
        return control(spool).sweepReplies(age);
    }

    static String verb(AdminRequest.Action action) {
        return switch (action) {
            case HOLD -> "held";
            case RELEASE -> "released";
            case RETRY -> "scheduled for a retry now";
            case DELETE -> "deleted";
            case BOUNCE -> "bounced";
        };
    }
}
