package org.postroom.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postroom.control.ProcessLock;
import org.postroom.files.OwnerOnly;
import org.postroom.store.Maildir;

/**
 * {@code postroom restore}: a backup (folder or archive) put into a data folder that no server runs on. Every file
 * is read once, into {@code DIR/.restore.partial/}, and checked against the manifest (size and SHA-256, the manifest
 * against {@code SHA256SUMS}); only when all agree does anything reach the data folder: what it held is removed
 * (only with {@code force}; set aside first, deleted once the restored entries are in place: {@link RestoreSwap}), the
 * restored entries are renamed into it, and the whole is made durable ({@link FileSystemSync}). Symbolic links are
 * recreated ({@link RestoredLinks}).
 * The server's lock ({@code run/server.lock}) is held throughout: a server that holds it refuses the restore.
 */
public final class Restore {
    static final String STAGING = ".restore.partial";
    private static final String RUN = "run";

    /** What was restored. */
    public record Report(Path dataDir, int files, long bytes, String postroomVersion, int schemaVersion, String created,
                         List<String> notes) {}

    private Restore() {}

    public static Report run(Path source, Path dataDir, boolean force) throws IOException, BackupException {
        return run(source, dataDir, force, RestoreSwap.FILES);
    }

    static Report run(Path source, Path dataDir, boolean force, RestoreSwap.Mover mover) throws IOException, BackupException {
        Path src = source.toAbsolutePath().normalize();
        Path target = dataDir.toAbsolutePath().normalize();
        if (!Files.exists(src)) throw new BackupException(BackupException.Kind.UNAVAILABLE, "no backup at " + src);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new BackupException(BackupException.Kind.TARGET_NOT_EMPTY, target + " is a file, not a data folder");
        }
        OwnerOnly.createDirectories(target.resolve(RUN));
        Optional<ProcessLock> lock = ProcessLock.tryAcquire(target.resolve(RUN).resolve("server.lock"));
        if (lock.isEmpty()) {
            throw new BackupException(BackupException.Kind.SERVER_RUNS, "a server runs on " + target + ": stop it first (systemctl stop postroom)");
        }
        try (ProcessLock held = lock.get()) {
            if (Files.exists(target.resolve(RestoreSwap.ASIDE), LinkOption.NOFOLLOW_LINKS)) {
                throw new BackupException(BackupException.Kind.TARGET_NOT_EMPTY, target.resolve(RestoreSwap.ASIDE)
                        + " holds what an earlier restore set aside and could not put back: move its entries back into "
                        + target + " (or remove it), then restore again");
            }
            List<Path> present = presentEntries(target);
            if (!present.isEmpty() && !force) {
                throw new BackupException(BackupException.Kind.TARGET_NOT_EMPTY, target + " is not empty: restore into a new folder, "
                        + "or give --force to replace what it holds");
            }
            Path staging = target.resolve(STAGING);
            Backup.deleteTree(staging);
            Manifest manifest;
            try {
                manifest = Files.isDirectory(src) ? fromFolder(src, staging) : fromArchive(src, staging);
                RestoredLinks.stage(manifest, staging);
                FileSystemSync.sync(staging); // the checked copy durable before the old data is touched
            } catch (IOException | BackupException | RuntimeException e) {
                try {
                    Backup.deleteTree(staging); // nothing of the target was touched
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            // From here the staging is the restore's only copy outside the backup: kept on failure (RestoreSwap).
            RestoreSwap.place(target, staging.resolve(Manifest.DATA), present, mover);
            FileSystemSync.sync(target);
            Maildir.syncDirectory(target.getParent());
            RestoreSwap.dropAside(target);
            List<String> notes = RestoredLinks.complete(manifest, staging, target);
            Backup.deleteTree(staging);
            long bytes = manifest.files().stream().mapToLong(Manifest.FileEntry::size).sum();
            return new Report(target, manifest.files().size(), bytes, manifest.postroomVersion(), manifest.schemaVersion(),
                    manifest.created(), notes);
        }
    }

    /** What the target holds besides the lock's folder and a partial restore left by an interrupted one. */
    private static List<Path> presentEntries(Path target) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.equals(RUN) && !name.equals(STAGING)) out.add(entry);
            }
        }
        out.sort(null);
        return out;
    }

    private static Manifest fromFolder(Path src, Path staging) throws IOException, BackupException {
        byte[] manifestBytes;
        try {
            manifestBytes = Files.readAllBytes(src.resolve(Manifest.FILE_NAME));
        } catch (NoSuchFileException e) {
            throw new BackupException(BackupException.Kind.DAMAGED, src + " is not a Postroom backup: it has no " + Manifest.FILE_NAME);
        }
        Manifest manifest = Manifest.fromJson(manifestBytes);
        Path sums = src.resolve(Manifest.SUMS_NAME);
        checkSums(Files.isRegularFile(sums) ? Files.readAllBytes(sums) : null, manifestBytes);
        Verifier verifier = new Verifier(manifest, staging);
        for (Manifest.FileEntry file : manifest.files()) {
            try (InputStream in = Files.newInputStream(src.resolve(Manifest.DATA).resolve(file.path()))) {
                verifier.file(file.path(), in);
            } catch (NoSuchFileException e) {
                throw new BackupException(BackupException.Kind.DAMAGED, "the backup lacks " + file.path() + ", which its manifest lists");
            }
        }
        verifier.finish();
        return manifest;
    }

    private static Manifest fromArchive(Path src, Path staging) throws IOException, BackupException {
        Verifier[] verifier = new Verifier[1];
        byte[][] manifestBytes = new byte[1][];
        TarArchives.read(src, (name, folder, in) -> {
            if (verifier[0] == null) {
                if (!name.equals(Manifest.FILE_NAME)) {
                    throw new BackupException(BackupException.Kind.DAMAGED, src + " is not a Postroom backup: it does not start with " + Manifest.FILE_NAME);
                }
                manifestBytes[0] = in.readAllBytes();
                verifier[0] = new Verifier(Manifest.fromJson(manifestBytes[0]), staging);
            } else if (name.equals(Manifest.SUMS_NAME)) {
                checkSums(in.readAllBytes(), manifestBytes[0]);
            } else if (name.startsWith(Manifest.DATA + "/")) {
                String rel = name.substring(Manifest.DATA.length() + 1);
                if (folder) {
                    String dir = rel.endsWith("/") ? rel.substring(0, rel.length() - 1) : rel;
                    if (!dir.isEmpty()) verifier[0].folder(ArchivePaths.check(dir));
                } else {
                    verifier[0].file(ArchivePaths.check(rel), in);
                }
            } else {
                throw new BackupException(BackupException.Kind.DAMAGED, src + " holds " + name + ", which no Postroom backup has");
            }
        });
        if (verifier[0] == null) throw new BackupException(BackupException.Kind.DAMAGED, src + " holds no manifest");
        verifier[0].finish();
        return verifier[0].manifest;
    }

    /** {@code SHA256SUMS}, when present, must name the manifest's own checksum (it was written with it). */
    private static void checkSums(byte[] sums, byte[] manifestBytes) throws BackupException {
        if (sums == null) return;
        String expected = HashingCopy.sha256(manifestBytes) + "  " + Manifest.FILE_NAME;
        if (!new String(sums, StandardCharsets.UTF_8).lines().anyMatch(expected::equals)) {
            throw new BackupException(BackupException.Kind.DAMAGED, "the manifest does not match its checksum in " + Manifest.SUMS_NAME + ": it was changed or damaged");
        }
    }

    /** Writes each file into the staging while checking it against the manifest; {@link #finish} checks none is missing. */
    private static final class Verifier {
        private final Manifest manifest;
        private final Path staging;
        private final Path linked;
        private final Map<String, Manifest.FileEntry> expected = new HashMap<>();

        Verifier(Manifest manifest, Path staging) throws IOException {
            this.manifest = manifest;
            this.staging = staging.resolve(Manifest.DATA);
            this.linked = staging.resolve(RestoredLinks.CONTENT);
            for (Manifest.FileEntry f : manifest.files()) expected.put(f.path(), f);
            OwnerOnly.createDirectories(this.staging);
            for (String folder : manifest.folders()) OwnerOnly.createDirectories(this.staging.resolve(folder));
        }

        void folder(String rel) throws IOException {
            OwnerOnly.createDirectories(staging.resolve(rel));
        }

        void file(String rel, InputStream in) throws IOException, BackupException {
            Manifest.FileEntry entry = expected.remove(rel);
            if (entry == null) throw new BackupException(BackupException.Kind.DAMAGED, "the backup holds " + rel + ", which its manifest does not list (or lists once)");
            // a link's content (the configuration) waits beside the data: the link itself takes its place
            Path target = (RestoredLinks.isLink(manifest, rel) ? linked : staging).resolve(rel);
            OwnerOnly.createDirectories(target.getParent());
            HashingCopy.Result r;
            try (FileChannel channel = OwnerOnly.createFile(target); OutputStream out = new TargetWriteException.Guard(Channels.newOutputStream(channel))) {
                r = HashingCopy.copy(in, out);
            }
            if (r.size() != entry.size() || !r.sha256().equals(entry.sha256())) {
                throw new BackupException(BackupException.Kind.DAMAGED, rel + " does not match the manifest (" + r.size() + " bytes, SHA-256 "
                        + r.sha256() + "; the manifest says " + entry.size() + " bytes, " + entry.sha256() + ")");
            }
            Files.setLastModifiedTime(target, FileTime.fromMillis(entry.modifiedMillis()));
        }

        void finish() throws BackupException {
            if (!expected.isEmpty()) {
                throw new BackupException(BackupException.Kind.DAMAGED, "the backup lacks " + expected.size() + " file(s) its manifest lists, "
                        + "for example " + expected.keySet().iterator().next());
            }
        }
    }
}
