package org.postroom.backup;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A backup as one tar file (POSIX pax, so long Maildir names and large files fit), compressed with gzip (the JDK)
 * or zstd (zstd-jni, level 3). The manifest is the first entry, so a restore knows what to expect before it reads
 * any file; then {@code SHA256SUMS}, the folders, the files. Every entry is {@code 0600}/{@code 0700}.
 */
final class TarArchives {
    private static final int BUFFER = 256 * 1024;
    private static final int ZSTD_LEVEL = 3;

    /** One entry read back: its name and bytes (read from {@code in} until the next entry). */
    interface EntryVisitor {
        void visit(String name, boolean folder, InputStream in) throws IOException, BackupException;
    }

    private TarArchives() {}

    static void write(Staging staging, byte[] manifest, byte[] sums, BackupFormat format, OutputStream raw) throws IOException {
        OutputStream compressed = switch (format) {
            case TAR_GZ -> new GZIPOutputStream(new BufferedOutputStream(raw, BUFFER), BUFFER);
            case TAR_ZST -> new ZstdOutputStream(new BufferedOutputStream(raw, BUFFER), ZSTD_LEVEL);
            case DIR -> throw new IllegalArgumentException("a folder is not an archive");
        };
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            bytes(tar, Manifest.FILE_NAME, manifest);
            bytes(tar, Manifest.SUMS_NAME, sums);
            for (String folder : staging.folders()) {
                TarArchiveEntry entry = new TarArchiveEntry(Manifest.DATA + "/" + folder + "/");
                entry.setMode(040700);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            for (Manifest.FileEntry file : staging.files()) {
                TarArchiveEntry entry = new TarArchiveEntry(Manifest.DATA + "/" + file.path());
                entry.setSize(file.size());
                entry.setMode(0100600);
                entry.setModTime(FileTime.fromMillis(file.modifiedMillis()));
                tar.putArchiveEntry(entry);
                try (InputStream in = Files.newInputStream(staging.staged(file.path()))) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    private static void bytes(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setMode(0100600);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    /** Reads every entry of {@code archive} in order; a damaged archive throws {@link BackupException}. */
    static void read(Path archive, EntryVisitor visitor) throws IOException, BackupException {
        BackupFormat format = sniff(archive);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), BUFFER);
             InputStream decompressed = format == BackupFormat.TAR_GZ ? new GZIPInputStream(raw, BUFFER) : new ZstdInputStream(raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompressed)) {
            boolean any = false;
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                any = true;
                visitor.visit(entry.getName(), entry.isDirectory(), tar);
            }
            if (!any) throw new BackupException(BackupException.Kind.DAMAGED, archive + " holds no files");
        } catch (TargetWriteException e) {
            throw e; // the restore's own disk, not the archive
        } catch (IOException | RuntimeException e) {
            // zstd-jni reports a damaged frame as an unchecked ZstdIOException/ZstdException; gzip as ZipException,
            // commons-compress a damaged header as IOException or IllegalArgumentException.
            throw new BackupException(BackupException.Kind.DAMAGED, archive + " is damaged or incomplete: " + e.getMessage(), e);
        }
    }

    /** gzip or zstd, by the file's first bytes (its name may have been changed). */
    static BackupFormat sniff(Path archive) throws IOException, BackupException {
        byte[] head;
        try (InputStream in = Files.newInputStream(archive)) {
            head = in.readNBytes(4);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return BackupFormat.TAR_GZ;
        if (head.length == 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd) {
            return BackupFormat.TAR_ZST;
        }
        throw new BackupException(BackupException.Kind.DAMAGED, archive + " is neither a Postroom backup folder nor a .tar.gz or .tar.zst archive");
    }
}
