package org.postroom.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How {@code postroom queue} commands reach the queue while the server runs. The server holds the queue lock
 * ({@link QueueLock}) and is the only writer of envelope files; a command that cannot get the lock writes its
 * request as {@code control/NAME.request} (written in {@code tmp/}, then renamed, so the server never reads half
 * of one), the server's scheduler picks it up within a quarter of a second, carries it out between delivery
 * attempts, and answers in {@code control/NAME.reply}, which the command reads and removes. When no server runs,
 * the command takes the lock and changes the files itself; a request left behind by a server that stopped before
 * answering is carried out on its next start.
 *
 * <p>SECURITY: the control folder is as trusted as the rest of the data folder (whoever can write there can
 * edit the queue anyway); requests are still checked, since ids name files.
 */
public final class QueueControl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = ".request";
    private static final String REPLY = ".reply";

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
        }
        String note = switch (request.action()) {
            case BOUNCE -> " (Postroom is not running: the bounce is sent when it starts)";
            case RETRY, RELEASE -> " (Postroom is not running: it tries when it starts)";
            default -> "";
        };
        return request.reply(done, refused, note);
    }

    private static AdminRequest.Reply throughServer(Spool spool, AdminRequest request, Duration patience) throws IOException {
        String name = System.currentTimeMillis() + "-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        Path tmp = spool.tmp().resolve(name + REQUEST);
        Files.write(tmp, JSON.writeValueAsBytes(new RequestJson(request.action().name().toLowerCase(Locale.ROOT), request.id().orElse(null))));
        Files.move(tmp, spool.control().resolve(name + REQUEST), StandardCopyOption.ATOMIC_MOVE);
        Path reply = spool.control().resolve(name + REPLY);
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                byte[] bytes = Files.readAllBytes(reply);
                Files.deleteIfExists(reply);
                return JSON.readValue(bytes, AdminRequest.Reply.class);
            } catch (NoSuchFileException e) {
                sleep(50);
            }
        }
        return new AdminRequest.Reply(false, "Postroom is running but did not answer within " + patience.toSeconds()
                + " s; the request stays in " + spool.control() + " and is carried out when it does", List.of());
    }

    /** A request waiting for the server, by its file name. */
    record Pending(String name, Optional<AdminRequest> request, String problem) {}

    /** The requests waiting in {@code control/}, oldest first; a request that does not parse comes with its problem. */
    static List<Pending> pending(Spool spool) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(spool.control())) return List.of();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(spool.control(), "*" + REQUEST)) {
            stream.forEach(files::add);
        }
        files.sort(null);
        List<Pending> out = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - REQUEST.length());
            try {
                RequestJson json = JSON.readValue(Files.readAllBytes(file), RequestJson.class);
                AdminRequest.Action action = AdminRequest.Action.valueOf(json.action().toUpperCase(Locale.ROOT));
                out.add(new Pending(name, Optional.of(new AdminRequest(action, Optional.ofNullable(json.id()))), ""));
            } catch (IOException | RuntimeException e) {
                out.add(new Pending(name, Optional.empty(), "unreadable request: " + e.getMessage()));
            }
        }
        return out;
    }

    /** The server's answer to a request; the request file goes. */
    static void answer(Spool spool, String name, AdminRequest.Reply reply) throws IOException {
        Path tmp = spool.tmp().resolve(name + REPLY);
        Files.write(tmp, JSON.writeValueAsBytes(reply));
        Files.move(tmp, spool.control().resolve(name + REPLY), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(spool.control().resolve(name + REQUEST));
    }

    /**
     * Removes the answers that no command came for within {@code age} (it gave up waiting, or was interrupted);
     * returns how many. An answer is read within seconds or never.
     */
    static int sweepReplies(Spool spool, Duration age) throws IOException {
        if (!Files.isDirectory(spool.control())) return 0;
        FileTime cutoff = FileTime.from(Instant.now().minus(age));
        int removed = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(spool.control(), "*" + REPLY)) {
            for (Path reply : stream) {
                try {
                    if (Files.getLastModifiedTime(reply).compareTo(cutoff) < 0 && Files.deleteIfExists(reply)) removed++;
                } catch (NoSuchFileException e) {
                    // read and removed by its command meanwhile
                }
            }
        }
        return removed;
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
