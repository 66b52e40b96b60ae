package org.postroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The message files under a folder (a user's Maildir, a whole {@code mail/} tree, the queue) as facts to compare two
 * data folders by: path (which holds the folder, the unique name and the flags), SHA-256 of the bytes, and the
 * time (IMAP's INTERNALDATE). {@code tmp/} folders and {@code postroom-index} (a cache) are left out.
 */
public final class MailFiles {
    /** One file's bytes and time. */
    public record Facts(String sha256, long size, long modifiedMillis) {}

    private MailFiles() {}

    public static Map<String, Facts> under(Path root) {
        Map<String, Facts> out = new TreeMap<>();
        if (!Files.isDirectory(root)) return out;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String rel = root.relativize(file).toString();
                if (!Files.isRegularFile(file) || rel.contains("tmp/") || rel.startsWith("tmp") || file.endsWith("postroom-index")) continue;
                byte[] bytes = Files.readAllBytes(file);
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                out.put(rel, new Facts(sha, bytes.length, Files.getLastModifiedTime(file).toMillis()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
