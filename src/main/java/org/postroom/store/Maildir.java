package org.postroom.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One Maildir: its three folders and the file naming of the Maildir specification (cr.yp.to/proto/maildir). */
public record Maildir(Path root) {

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
        Files.createDirectories(tmp());
        Files.createDirectories(newDir());
        Files.createDirectories(cur());
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

    /** fsync a directory, so that the names created or removed in it are durable (fsync(2) on the folder). */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
