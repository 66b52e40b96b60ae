package org.postroom.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files of a data folder copied into a {@link Staging}, as {@link BackupRules} says, by passes over the whole
 * folder: each pass copies what is new or changed (a file's size or time differs from its copy), follows renamed
 * Maildir messages ({@link MaildirMessages}), and drops plain files that are gone (a queue file sent meanwhile).
 * The databases at the folder's top are copied by {@link SqliteSnapshot} before the first pass.
 */
final class DataFolderCopy {
    /** Passes over one Maildir while messages vanish under their listed names (renamed meanwhile). */
    private static final int MAILDIR_PASSES = 10;

    private final Path root;
    private final Staging staging;
    private final Map<String, MaildirMessages> maildirs = new HashMap<>();
    private final Set<String> plainFiles = new HashSet<>();
    private final List<String> databases = new ArrayList<>();

    DataFolderCopy(Path root, Staging staging) {
        this.root = root;
        this.staging = staging;
    }

    /** Copies each SQLite database at the top of the data folder (postroom.db, trace.db, ...). */
    void copyDatabases() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "*.db")) {
            for (Path file : sorted(entries)) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file) || !SqliteSnapshot.isDatabase(file)) continue;
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                Path target = staging.prepare(name);
                SqliteSnapshot.copy(file, target);
                for (String suffix : new String[] {"-wal", "-shm", "-journal"}) Files.deleteIfExists(target.resolveSibling(name + suffix));
                staging.adopt(name, attributes.lastModifiedTime());
                databases.add(name);
            }
        }
    }

    /** One pass over the folder; returns how many files it copied, renamed or dropped. */
    int pass() throws IOException {
        Set<String> seen = new HashSet<>();
        int changes = walk(root, "", seen);
        for (String gone : new ArrayList<>(plainFiles)) {
            if (seen.contains(gone)) continue;
            staging.remove(gone);
            plainFiles.remove(gone);
            changes++;
        }
        return changes;
    }

    private int walk(Path dir, String rel, Set<String> seen) throws IOException {
        int changes = 0;
        if (!rel.isEmpty()) staging.addFolder(rel);
        boolean maildir = BackupRules.isMaildir(dir);
        if (maildir) changes += messages(dir, rel);
        List<Path> entries;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            entries = sorted(stream);
        } catch (NoSuchFileException e) {
            return changes; // removed meanwhile (a folder deleted over IMAP)
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            String childRel = rel.isEmpty() ? name : rel + "/" + name;
            if (Files.isSymbolicLink(entry)) {
                changes += link(entry, childRel, name, seen);
            } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                if (maildir && (name.equals("cur") || name.equals("new"))) {
                    staging.addFolder(childRel);
                    continue;
                }
                switch (BackupRules.folder(childRel, name)) {
                    case SKIP -> { }
                    case EMPTY -> staging.addFolder(childRel);
                    case WALK -> changes += walk(entry, childRel, seen);
                }
            } else if (Files.isRegularFile(entry) && !BackupRules.skipsFile(name) && !databases.contains(childRel)) {
                changes += plainFile(entry, childRel, seen);
            }
        }
        return changes;
    }

    /**
     * A symbolic link (the .deb links {@code postroom.toml} to /etc/postroom and {@code logs} to /var/log/postroom):
     * kept as a link, so that a restore recreates it; a link to a file has its content copied too (the
     * configuration must be in the backup), a link to a folder not (what it holds lies outside the data folder).
     */
    private int link(Path entry, String rel, String name, Set<String> seen) throws IOException {
        String target;
        try {
            target = Files.readSymbolicLink(entry).toString();
        } catch (NoSuchFileException e) {
            return 0;
        }
        staging.addLink(rel, target, Files.isDirectory(entry));
        if (Files.isRegularFile(entry) && !BackupRules.skipsFile(name) && !databases.contains(rel)) return plainFile(entry, rel, seen);
        return 0;
    }

    private int messages(Path dir, String rel) throws IOException {
        MaildirMessages messages = maildirs.computeIfAbsent(rel, r -> new MaildirMessages(dir, r));
        int changes = 0;
        for (int i = 0; i < MAILDIR_PASSES; i++) {
            MaildirMessages.Pass pass = messages.pass(staging);
            changes += pass.copied() + pass.renamed();
            if (pass.vanished() == 0) break;
        }
        return changes;
    }

    private int plainFile(Path file, String rel, Set<String> seen) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return 0;
        }
        Optional<Manifest.FileEntry> copy = staging.entry(rel);
        if (copy.isPresent() && copy.get().size() == attributes.size()
                && copy.get().modifiedMillis() == attributes.lastModifiedTime().toMillis()) {
            seen.add(rel);
            return 0;
        }
        if (!staging.copy(file, rel)) return 0; // gone since it was listed: dropped after the pass if it was copied before
        seen.add(rel);
        plainFiles.add(rel);
        return 1;
    }

    int messageCount() {
        return maildirs.values().stream().mapToInt(MaildirMessages::size).sum();
    }

    private static List<Path> sorted(DirectoryStream<Path> stream) {
        List<Path> out = new ArrayList<>();
        stream.forEach(out::add);
        out.sort(null);
        return out;
    }
}
