package org.postroom.collect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.postroom.files.OwnerOnly;
import org.postroom.message.SpooledMessage;

/**
 * {@code unresolved = "hold"}: messages kept for review in {@code data/collect/held/ACCOUNT/}, one file each (0600,
 * folder 0700), named {@code MILLIS-HEX.eml}. The console and {@code postroom collect held} list them, deliver one to
 * an address ({@link Collector#deliverHeld}) or delete it.
 */
public final class HeldMail {
    /** A held file's name: all that a request may name, so that it never reaches outside the account's folder; 18 digits at
     *  most, so that its milliseconds always fit a long. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[0-9]{1,18}-[0-9a-f]{16}\\.eml");

    private HeldMail() {}

    /**
     * One held message, as listed.
     *
     * @param id its file name
     * @param why the {@code X-Postroom-Unresolved} reason the collector wrote on top
     */
    public record Held(String account, String id, java.time.Instant heldAt, long size, String from, String subject, String messageId,
            String why) {}

    /** Every held message of every account, oldest first per account (accounts by name). */
    public static java.util.List<Held> list(Path dataDir) throws IOException {
        Path root = dataDir.resolve("collect").resolve("held");
        java.util.List<Held> out = new java.util.ArrayList<>();
        if (!Files.isDirectory(root)) return out;
        java.util.List<Path> accounts;
        try (var s = Files.list(root)) {
            accounts = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path dir : accounts) {
            java.util.List<Path> files;
            try (var s = Files.list(dir)) {
                files = s.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).sorted().toList();
            }
            for (Path f : files) {
                try {
                    out.add(describe(dir.getFileName().toString(), f));
                } catch (java.nio.file.NoSuchFileException e) {
                    // delivered or deleted meanwhile
                }
            }
        }
        return out;
    }

    private static Held describe(String account, Path file) throws IOException {
        MessageHeaders headers;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            headers = MessageHeaders.read(in);
        }
        String name = file.getFileName().toString();
        java.time.Instant at = java.time.Instant.ofEpochMilli(Long.parseLong(name.substring(0, name.indexOf('-'))));
        return new Held(account, name, at, Files.size(file), headers.first("From").orElse("").strip(), headers.first("Subject").orElse("").strip(),
                headers.first("Message-ID").orElse("").strip(), headers.first("X-Postroom-Unresolved").orElse("").strip());
    }

    /** The file of a held message; {@link IllegalArgumentException} when the names are not a held message's. */
    static Path file(Path dataDir, String account, String id) {
        if (!org.postroom.config.CollectTables.validName(account) || !NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("no held message \"" + id + "\" of account \"" + account + "\"");
        }
        Path file = dir(dataDir, account).resolve(id);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no held message \"" + id + "\" of account \"" + account + "\"");
        return file;
    }

    /** One held message as listed; {@link IllegalArgumentException} when there is none. */
    public static Held find(Path dataDir, String account, String id) throws IOException {
        return describe(account, file(dataDir, account, id));
    }

    /** Deletes a held message for good; {@link IllegalArgumentException} when there is none. */
    public static void delete(Path dataDir, String account, String id) throws IOException {
        Path file = file(dataDir, account, id);
        if (!Files.deleteIfExists(file)) throw new IllegalArgumentException("no held message \"" + id + "\" of account \"" + account + "\"");
    }

    static Path dir(Path dataDir, String account) {
        return dataDir.resolve("collect").resolve("held").resolve(account);
    }

    /** Writes {@code header} and the message, synced before it is named: a file there is always whole. */
    static void write(Path dataDir, String account, Clock clock, byte[] header, SpooledMessage message, String uidl) throws IOException {
        Path dir = dir(dataDir, account);
        OwnerOnly.createDirectories(dir);
        String name = clock.millis() + "-" + HexFormat.of().formatHex(sha256(uidl), 0, 8) + ".eml";
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.deleteIfExists(tmp); // a leftover of a stop mid-write; the new one is made 0600
        try (OutputStream out = Channels.newOutputStream(OwnerOnly.createFile(tmp))) {
            out.write(header);
            message.copyTo(out);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
