package org.postroom.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.postroom.files.OwnerOnly;

/**
 * One Maildir: its three folders, the file naming of the Maildir specification (cr.yp.to/proto/maildir), and
 * what readers (POP3 now, IMAP later) do with its messages: list them, open one, flag one seen, remove some.
 *
 * <p>Readers never rewrite a message: flags are a rename within {@code cur/} (Maildir++ {@code :2,} info), and
 * removal is an unlink. A message another reader has renamed meanwhile is found again by its unique name.
 */
public record Maildir(Path root) {
    /** The start of a file name's info part in {@code cur/}: {@code :2,} then the flags in ASCII order. */
    private static final String INFO = ":2,";

    public Path tmp() {
        return root.resolve("tmp");
    }

    public Path newDir() {
        return root.resolve("new");
    }

    public Path cur() {
        return root.resolve("cur");
    }

    /** Creates the three folders if missing, and makes their creation durable. */
    public void create() throws IOException {
        if (Files.isDirectory(newDir()) && Files.isDirectory(cur()) && Files.isDirectory(tmp())) return;
        OwnerOnly.createDirectories(tmp()); // 0700, and the mailbox folder above them
        OwnerOnly.createDirectories(newDir());
        OwnerOnly.createDirectories(cur());
        syncDirectory(root);
        syncDirectory(root.getParent());
    }

    /**
     * The octets used by the messages in new/ and cur/, read from the {@code S=} size in each file name (as
     * Dovecot does), falling back to the file's size.
     */
    public long usage() throws IOException {
        long total = 0;
        for (Path dir : new Path[] {newDir(), cur()}) {
            if (!Files.isDirectory(dir)) continue;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) total += sizeOf(file);
            }
        }
        return total;
    }

    static long sizeOf(Path file) throws IOException {
        String name = file.getFileName().toString();
        int s = name.indexOf(",S=");
        if (s >= 0) {
            int end = s + 3;
            while (end < name.length() && Character.isDigit(name.charAt(end))) end++;
            if (end > s + 3) return Long.parseLong(name.substring(s + 3, end));
        }
        return Files.size(file);
    }

    /**
     * The messages in {@code new/} and {@code cur/}, oldest first (by the file's modification time, which is the
     * time it was written; then by name). Files whose names start with a dot are not messages (Maildir spec). A
     * Maildir not created yet holds no messages.
     */
    public List<StoredMessage> messages() throws IOException {
        record Listed(StoredMessage message, FileTime written) {}
        List<Listed> listed = new ArrayList<>();
        for (Path dir : new Path[] {newDir(), cur()}) {
            boolean inCur = dir.equals(cur());
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(".")) continue;
                    BasicFileAttributes attributes;
                    try {
                        attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    } catch (NoSuchFileException e) {
                        continue; // removed or moved since the listing began
                    }
                    if (!attributes.isRegularFile()) continue;
                    listed.add(new Listed(new StoredMessage(file, uniqueName(name), attributes.size(), inCur && hasFlag(name, 'S')),
                            attributes.lastModifiedTime()));
                }
            } catch (NoSuchFileException e) {
                // no mail was ever delivered here
            }
        }
        listed.sort(Comparator.comparing(Listed::written).thenComparing(l -> l.message().uniqueName()));
        return listed.stream().map(Listed::message).toList();
    }

    /** Opens the message for reading, wherever it is now. */
    public InputStream open(StoredMessage message) throws IOException {
        try {
            return Files.newInputStream(message.file());
        } catch (NoSuchFileException e) {
            Optional<Path> moved = locate(message.uniqueName());
            if (moved.isEmpty()) throw e;
            return Files.newInputStream(moved.get());
        }
    }

    /**
     * Gives the message the seen flag: {@code new/X} becomes {@code cur/X:2,S}, {@code cur/X:2,F} becomes
     * {@code cur/X:2,FS}. Not synced: a flag lost in a power cut costs nothing but the flag.
     */
    public void markSeen(StoredMessage message) throws IOException {
        Path file = message.file();
        if (!Files.exists(file)) {
            Optional<Path> moved = locate(message.uniqueName());
            if (moved.isEmpty()) return; // removed meanwhile: nothing to flag
            file = moved.get();
        }
        String flagged = withFlag(file.getFileName().toString(), 'S');
        if (flagged == null) return; // info in a form other than ":2,": leave it as it is
        Path target = cur().resolve(flagged);
        if (target.equals(file)) return;
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            // removed by another reader between the check and the move
        }
    }

    /**
     * Removes the messages and syncs the folders, so that a removal that was reported stays done. Returns how
     * many could not be found (removed by someone else already).
     */
    public int remove(Collection<StoredMessage> messages) throws IOException {
        int missing = 0;
        for (StoredMessage message : messages) {
            if (Files.deleteIfExists(message.file())) continue;
            Optional<Path> moved = locate(message.uniqueName());
            if (moved.isPresent() && Files.deleteIfExists(moved.get())) continue;
            missing++;
        }
        if (!messages.isEmpty()) {
            if (Files.isDirectory(newDir())) syncDirectory(newDir());
            if (Files.isDirectory(cur())) syncDirectory(cur());
        }
        return missing;
    }

    /** Whether the message with this unique name is in the mailbox, in new/ or (read, flagged) in cur/. */
    public boolean holds(String uniqueName) throws IOException {
        return locate(uniqueName).isPresent();
    }

    /** Where the message with this unique name is now, if anywhere: it may have moved to cur/ or changed flags. */
    private Optional<Path> locate(String uniqueName) throws IOException {
        for (Path dir : new Path[] {cur(), newDir()}) {
            if (!Files.isDirectory(dir)) continue;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) { // every name: a glob would misread '\\' or '['
                for (Path file : files) {
                    if (uniqueName(file.getFileName().toString()).equals(uniqueName)) return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    /** The unique part of a message file name: up to the first {@code ,} (size fields) or {@code :} (info). */
    public static String uniqueName(String fileName) {
        int end = fileName.length();
        int comma = fileName.indexOf(',');
        int colon = fileName.indexOf(':');
        if (comma >= 0) end = comma;
        if (colon >= 0 && colon < end) end = colon;
        return fileName.substring(0, end);
    }

    static boolean hasFlag(String fileName, char flag) {
        int info = fileName.indexOf(INFO);
        return info >= 0 && fileName.indexOf(flag, info + INFO.length()) >= 0;
    }

    /** The name with the flag added to its {@code :2,} info (flags kept in ASCII order); null if its info is another kind. */
    static String withFlag(String fileName, char flag) {
        int info = fileName.indexOf(INFO);
        if (info < 0) return fileName.indexOf(':') >= 0 ? null : fileName + INFO + flag;
        String flags = fileName.substring(info + INFO.length());
        if (flags.indexOf(flag) >= 0) return fileName;
        StringBuilder sorted = new StringBuilder(flags.length() + 1);
        boolean added = false;
        for (char c : flags.toCharArray()) {
            if (!added && c > flag) {
                sorted.append(flag);
                added = true;
            }
            sorted.append(c);
        }
        if (!added) sorted.append(flag);
        return fileName.substring(0, info + INFO.length()) + sorted;
    }

    /** fsync a directory, so that the names created or removed in it are durable (fsync(2) on the folder). */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
