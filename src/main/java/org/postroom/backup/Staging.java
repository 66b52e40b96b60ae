package org.postroom.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.postroom.files.OwnerOnly;

/**
 * The copy being made: a folder ({@code root/data/...}) and what it holds, path by path, with each file's size,
 * SHA-256 and time computed as it was copied (one read of each source file). Files are written {@code 0600},
 * folders {@code 0700}: a backup holds password hashes and the TLS key.
 */
final class Staging {
    private final Path root;
    private final Map<String, Manifest.FileEntry> files = new TreeMap<>();
    private final TreeSet<String> folders = new TreeSet<>();
    private final Map<String, Manifest.Link> links = new TreeMap<>();

    /** Not synced as written: a folder backup is made durable in one go before it is renamed ({@link FileSystemSync}). */
    Staging(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path staged(String rel) {
        return root.resolve(Manifest.DATA).resolve(rel);
    }

    void addFolder(String rel) throws IOException {
        if (folders.add(rel)) OwnerOnly.createDirectories(staged(rel));
    }

    Optional<Manifest.FileEntry> entry(String rel) {
        return Optional.ofNullable(files.get(rel));
    }

    /**
     * Copies {@code source} to {@code rel}, replacing an earlier copy; false (nothing staged) when the file is gone,
     * renamed or removed since it was listed.
     */
    boolean copy(Path source, String rel) throws IOException {
        BasicFileAttributes attributes;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            attributes = Files.readAttributes(source, BasicFileAttributes.class);
            Path target = prepare(rel);
            try (FileChannel out = OwnerOnly.createFile(target); InputStream input = Channels.newInputStream(in);
                 OutputStream output = Channels.newOutputStream(out)) {
                HashingCopy.Result r = HashingCopy.copy(input, output);
                record(rel, r, attributes.lastModifiedTime());
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        return true;
    }

    /** Takes a file written into the staging by someone else ({@link SqliteSnapshot}) as {@code rel}. */
    void adopt(String rel, FileTime modified) throws IOException {
        Path file = staged(rel);
        try (InputStream in = Files.newInputStream(file)) {
            record(rel, HashingCopy.copy(in, null), modified);
        }
    }

    /** Where a new copy of {@code rel} goes: its folder made, an earlier copy removed. */
    Path prepare(String rel) throws IOException {
        Path target = staged(rel);
        OwnerOnly.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        return target;
    }

    private void record(String rel, HashingCopy.Result r, FileTime modified) throws IOException {
        Files.setLastModifiedTime(staged(rel), modified);
        files.put(rel, new Manifest.FileEntry(rel, r.size(), r.sha256(), modified.toMillis()));
    }

    /** A copied file whose source was renamed (a Maildir message's flags, new/ to cur/): the same bytes, a new name. */
    void rename(String fromRel, String toRel) throws IOException {
        Manifest.FileEntry entry = files.remove(fromRel);
        if (entry == null) throw new IllegalStateException("not staged: " + fromRel);
        Path target = staged(toRel);
        OwnerOnly.createDirectories(target.getParent());
        Files.move(staged(fromRel), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        files.put(toRel, new Manifest.FileEntry(toRel, entry.size(), entry.sha256(), entry.modifiedMillis()));
    }

    void remove(String rel) throws IOException {
        if (files.remove(rel) != null) Files.deleteIfExists(staged(rel));
    }

    boolean holds(String rel) {
        return files.containsKey(rel);
    }

    List<Manifest.FileEntry> files() {
        return new ArrayList<>(files.values());
    }

    /** A symbolic link at {@code rel}, recorded as a link (its content, if a file, is copied as one). */
    void addLink(String rel, String target, boolean folder) {
        links.put(rel, new Manifest.Link(rel, target, folder));
    }

    List<Manifest.Link> links() {
        return new ArrayList<>(links.values());
    }

    List<String> folders() {
        return new ArrayList<>(folders);
    }
}
