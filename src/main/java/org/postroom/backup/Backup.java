package org.postroom.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import org.postroom.directory.Database;
import org.postroom.files.OwnerOnly;
import org.postroom.store.Maildir;

/**
 * {@code postroom backup}: a data folder copied, while its server runs, into a folder or a tar archive that appears
 * under its final name only when complete. The copy is staged beside the destination ({@code .NAME.partial}); for
 * a folder the staging is the result, made durable (syncfs) and renamed into place; for an archive it is written
 * into {@code .NAME.partial.tar}, fsynced and renamed, and the staging removed. An interrupted backup leaves at
 * most the hidden partial names, which the next backup to the same destination removes.
 *
 * <p>Order: the databases first (so the collector's ledger, which says what was taken from the provider, is never
 * newer than the mail that it took), then passes over the files until a pass changes nothing or {@link #PASSES}
 * were made (mail that arrived during the copy is in it, up to the last pass).
 */
public final class Backup {
    static final int PASSES = 3;

    /** What a finished backup holds. */
    public record Report(Path destination, BackupFormat format, int files, long bytes, int messages, int schemaVersion) {}

    private Backup() {}

    public static Report run(Path dataDir, Path destination, BackupFormat format, String postroomVersion, Clock clock)
            throws IOException, BackupException {
        Path data = dataDir.toAbsolutePath().normalize();
        Path dest = destination.toAbsolutePath().normalize();
        if (!Files.isRegularFile(Database.fileIn(data))) {
            throw new BackupException(BackupException.Kind.UNAVAILABLE, "no data folder at " + data + " (no " + Database.FILE_NAME + ")");
        }
        if (dest.startsWith(data)) throw new BackupException(BackupException.Kind.UNAVAILABLE, "the backup cannot go inside the data folder " + data);
        refuseNonEmpty(dest);
        Path parent = dest.getParent();
        OwnerOnly.createDirectories(parent);
        Path stagingDir = parent.resolve("." + dest.getFileName() + ".partial");
        Path partialArchive = parent.resolve("." + dest.getFileName() + ".partial.tar");
        deleteTree(stagingDir); // left by an interrupted backup
        Files.deleteIfExists(partialArchive);
        try {
            Staging staging = new Staging(stagingDir);
            OwnerOnly.createDirectories(stagingDir.resolve(Manifest.DATA));
            DataFolderCopy copy = new DataFolderCopy(data, staging);
            copy.copyDatabases();
            for (int i = 0; i < PASSES && copy.pass() > 0; i++) {
                // each pass copies what arrived or changed during the one before
            }
            int schema = staging.holds(Database.FILE_NAME) ? SqliteSnapshot.userVersion(staging.staged(Database.FILE_NAME)) : 0;
            Manifest manifest = new Manifest(Manifest.FORMAT, postroomVersion, schema, Instant.now(clock).toString(), data.toString(),
                    staging.folders(), staging.files(), staging.links());
            byte[] manifestBytes = manifest.toJson();
            byte[] sums = manifest.sums(HashingCopy.sha256(manifestBytes));
            long bytes = manifest.files().stream().mapToLong(Manifest.FileEntry::size).sum();
            Report report = new Report(dest, format, manifest.files().size(), bytes, copy.messageCount(), schema);
            if (format == BackupFormat.DIR) {
                writeSynced(stagingDir.resolve(Manifest.FILE_NAME), manifestBytes);
                writeSynced(stagingDir.resolve(Manifest.SUMS_NAME), sums);
                FileSystemSync.sync(stagingDir); // every file and folder durable before the name appears
                if (Files.isDirectory(dest)) Files.delete(dest); // empty (checked): the rename needs its name
                Files.move(stagingDir, dest, StandardCopyOption.ATOMIC_MOVE);
            } else {
                try (FileChannel channel = OwnerOnly.createFile(partialArchive); OutputStream out = Channels.newOutputStream(channel)) {
                    TarArchives.write(staging, manifestBytes, sums, format, new NonClosing(out));
                    channel.force(true);
                }
                if (Files.isDirectory(dest)) Files.delete(dest);
                Files.move(partialArchive, dest, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(stagingDir);
            }
            Maildir.syncDirectory(parent);
            return report;
        } catch (IOException | RuntimeException e) {
            try {
                deleteTree(stagingDir);
                Files.deleteIfExists(partialArchive);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** An existing destination is refused unless it is an empty folder. */
    private static void refuseNonEmpty(Path dest) throws IOException, BackupException {
        if (!Files.exists(dest)) return;
        if (Files.isDirectory(dest)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dest)) {
                if (!entries.iterator().hasNext()) return;
            }
        }
        throw new BackupException(BackupException.Kind.TARGET_NOT_EMPTY, dest + " exists and is not empty: a backup never overwrites one");
    }

    private static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = OwnerOnly.createFile(file)) {
            var buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(true);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Lets the tar writer close its compressor without closing the channel before it is fsynced. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
