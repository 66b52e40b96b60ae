package org.postroom.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads every file that appears in the Maildirs' {@code new/} while Postroom is running, as a mail client (or
 * IMAP) would: a message must be whole from the moment its name is visible, not only after a restart.
 */
final class MailboxWatcher implements AutoCloseable {
    private final List<Path> newDirs;
    private final Set<String> seen = new HashSet<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean stop;
    private volatile int checked;

    MailboxWatcher(List<Path> newDirs) {
        this.newDirs = List.copyOf(newDirs);
        this.thread = Thread.ofPlatform().daemon().name("crash-mailbox-watcher").start(this::run);
    }

    private void run() {
        while (!stop) {
            for (Path newDir : newDirs) {
                try {
                    if (!Files.isDirectory(newDir)) continue;
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(newDir)) {
                        for (Path file : files) {
                            if (seen.add(file.toString())) inspect(file);
                        }
                    }
                } catch (IOException e) {
                    // the folder is being created; try again
                }
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void inspect(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            problems.add(file.getFileName() + " vanished from new/");
            return;
        }
        checked++;
        String problem = problemWith(file, bytes);
        if (problem != null) problems.add(problem);
    }

    /** Why {@code bytes}, read from {@code file}, are not one whole message of the load; null when they are. */
    static String problemWith(Path file, byte[] bytes) {
        String stored = new String(bytes, StandardCharsets.ISO_8859_1);
        String token = CrashLoad.tokenIn(stored);
        String name = file.getFileName().toString();
        if (token == null) return name + " has no Message-ID of the load (partial?); it starts: " + head(stored);
        String expected = new String(CrashLoad.message(token), StandardCharsets.ISO_8859_1);
        if (!stored.startsWith("Return-Path: <loader@client.test>\r\nReceived: ")) return name + " does not start with the trace headers: " + head(stored);
        if (!stored.endsWith(expected)) return name + " does not end with the whole message " + token + " (" + bytes.length + " octets)";
        if (stored.length() - expected.length() > 1000) return name + " has more than the trace headers before message " + token;
        Optional<Long> size = sizeInName(name);
        if (size.isEmpty() || size.get() != bytes.length) return name + " has " + bytes.length + " octets, its name says " + size;
        return null;
    }

    /** The {@code ,S=<size>} of a Maildir file name. */
    static Optional<Long> sizeInName(String name) {
        int s = name.indexOf(",S=");
        if (s < 0) return Optional.empty();
        int end = s + 3;
        while (end < name.length() && Character.isDigit(name.charAt(end))) end++;
        return end == s + 3 ? Optional.empty() : Optional.of(Long.parseLong(name.substring(s + 3, end)));
    }

    private static String head(String text) {
        return text.substring(0, Math.min(300, text.length())).replace("\r\n", "\\r\\n ");
    }

    int checked() {
        return checked;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops reading and waits for the last file being read. */
    void stop() {
        stop = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
