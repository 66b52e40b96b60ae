package org.postroom.backup;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a backup holds, {@code manifest.json} at its top: every folder and every file of the data folder it copied
 * (path relative to the data folder, size, SHA-256, modification time: a Maildir message's time is its IMAP
 * INTERNALDATE and its POP3 order), the Postroom version that wrote it, the directory's schema version and when.
 * The files themselves are under {@code data/} in the backup; {@code SHA256SUMS} lists the same checksums in the
 * form {@code sha256sum -c} reads, and the manifest's own.
 *
 * @param format {@link #FORMAT}: what a restore knows how to read
 * @param schemaVersion the directory database's {@code PRAGMA user_version}; 0 when it has none
 */
public record Manifest(String format, String postroomVersion, int schemaVersion, String created, String source,
                       List<String> folders, List<FileEntry> files, List<Link> links) {
    public static final String FORMAT = "postroom-backup 1";
    public static final String FILE_NAME = "manifest.json";
    public static final String SUMS_NAME = "SHA256SUMS";
    /** Where the data folder's files are inside a backup. */
    public static final String DATA = "data";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One file: {@code path} relative to the data folder, with '/' between names. */
    public record FileEntry(String path, long size, String sha256, long modifiedMillis) {}

    /**
     * A symbolic link found in the data folder ({@code postroom.toml} and {@code logs/} in the .deb's layout):
     * {@code target} as the link holds it, {@code folder} whether it pointed to a folder when copied. A link to a
     * file also has its content among {@link #files} (under the link's path); a restore recreates the link.
     */
    public record Link(String path, String target, boolean folder) {}

    public Manifest {
        folders = List.copyOf(folders);
        files = List.copyOf(files);
        links = links == null ? List.of() : List.copyOf(links); // backups made before links were recorded
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a manifest; a damaged or foreign one is refused. */
    public static Manifest fromJson(byte[] bytes) throws BackupException {
        Manifest m;
        try {
            m = JSON.readValue(bytes, Manifest.class);
        } catch (java.io.IOException e) {
            throw new BackupException(BackupException.Kind.DAMAGED, "the manifest is not readable: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(m.format())) {
            throw new BackupException(BackupException.Kind.DAMAGED, "not a Postroom backup this version reads (format \"" + m.format() + "\")");
        }
        for (FileEntry f : m.files()) ArchivePaths.check(f.path());
        for (String folder : m.folders()) ArchivePaths.check(folder);
        for (Link link : m.links()) ArchivePaths.check(link.path());
        return m;
    }

    /** {@code SHA256SUMS}: one line per file, as {@code sha256sum} writes them, then the manifest's own. */
    public byte[] sums(String manifestSha256) {
        StringBuilder out = new StringBuilder();
        for (FileEntry f : files) out.append(f.sha256()).append("  ").append(DATA).append('/').append(f.path()).append('\n');
        out.append(manifestSha256).append("  ").append(FILE_NAME).append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
