package org.postroom.control;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.postroom.files.OwnerOnly;

/**
 * The request and reply files of one control folder. Both sides write a file in {@code tmp} and rename it into
 * {@code folder}, so neither ever reads half of one: the command writes {@code NAME.request} and waits for
 * {@code NAME.reply}; the server reads the requests, writes each reply, then removes the request. The name starts
 * with the time, so names sort oldest first. Where {@code tmp} is differs per user (the queue shares its spool's
 * {@code tmp/}); it must be on the same file system as {@code folder} for the rename.
 *
 * @param folder where requests and replies are seen
 * @param tmp where they are written first
 */
public record ControlFolder(Path folder, Path tmp) {
    private static final String REQUEST = ".request";
    private static final String REPLY = ".reply";
    private static final long POLL_MILLIS = 50;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A request waiting for the server: its name (which names the reply) and its file. */
    public record Request(String name, Path file) {
        public byte[] body() throws IOException {
            return Files.readAllBytes(file);
        }
    }

    /** Creates both folders ({@code 0700}) when they do not exist. */
    public void create() throws IOException {
        OwnerOnly.createDirectories(folder);
        OwnerOnly.createDirectories(tmp);
    }

    /** Command side: hands {@code body} to the server as a new request; returns its name. */
    public String submit(byte[] body) throws IOException {
        String name = System.currentTimeMillis() + "-" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        Path staged = tmp.resolve(name + REQUEST);
        Files.write(staged, body);
        Files.move(staged, folder.resolve(name + REQUEST), StandardCopyOption.ATOMIC_MOVE);
        return name;
    }

    /** Command side: the server's reply to request {@code name}, read and removed; empty when none came within {@code patience}. */
    public Optional<byte[]> awaitReply(String name, Duration patience) throws IOException {
        Path reply = folder.resolve(name + REPLY);
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                byte[] bytes = Files.readAllBytes(reply);
                Files.deleteIfExists(reply);
                return Optional.of(bytes);
            } catch (NoSuchFileException e) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return Optional.empty();
    }

    /** Command side: takes back a request nobody answered (for a request that must not run later). */
    public void withdraw(String name) throws IOException {
        Files.deleteIfExists(folder.resolve(name + REQUEST));
    }

    /** Server side: the requests waiting, oldest first; none when the folder does not exist. */
    public List<Request> pending() throws IOException {
        if (!Files.isDirectory(folder)) return List.of();
        List<Request> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*" + REQUEST)) {
            for (Path file : stream) {
                String fileName = file.getFileName().toString();
                out.add(new Request(fileName.substring(0, fileName.length() - REQUEST.length()), file));
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** Server side: the answer to request {@code name}; the request file goes. */
    public void answer(String name, byte[] reply) throws IOException {
        Path staged = tmp.resolve(name + REPLY);
        Files.write(staged, reply);
        Files.move(staged, folder.resolve(name + REPLY), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(folder.resolve(name + REQUEST));
    }

    /**
     * Server side: removes the answers that no command came for within {@code age} (it gave up waiting, or was
     * interrupted); returns how many. An answer is read within seconds or never.
     */
    public int sweepReplies(Duration age) throws IOException {
        if (!Files.isDirectory(folder)) return 0;
        FileTime cutoff = FileTime.from(Instant.now().minus(age));
        int removed = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*" + REPLY)) {
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
}
