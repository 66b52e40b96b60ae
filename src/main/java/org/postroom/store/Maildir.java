package org.postroom.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.postroom.files.OwnerOnly;

/**
 * One Maildir: its three folders and the file naming of the Maildir specification (cr.yp.to/proto/maildir). Readers
 * (POP3, IMAP) do not work on it directly: they go through the folder's shared
 * {@link org.postroom.store.folder.Folder}, which keeps every file name in memory and gives the messages UIDs.
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

    /** Opens a listed message for reading. (Readers that must find a renamed message go through its folder.) */
    public InputStream open(StoredMessage message) throws IOException {
        return Files.newInputStream(message.file());
    }

    /**
     * Whether the message with this unique name is in the mailbox, in new/ or (read, flagged) in cur/. Lists both
     * folders: for the recovery of an interrupted delivery at start only; readers find messages through their
     * {@link org.postroom.store.folder.Folder}, which knows every file name.
     */
    public boolean holds(String uniqueName) throws IOException {
        for (Path dir : new Path[] {cur(), newDir()}) {
            if (!Files.isDirectory(dir)) continue;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) { // every name: a glob would misread '\\' or '['
                for (Path file : files) {
                    if (uniqueName(file.getFileName().toString()).equals(uniqueName)) return true;
                }
            }
        }
        return false;
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

    /** fsync a directory, so that the names created or removed in it are durable (fsync(2) on the folder). */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
