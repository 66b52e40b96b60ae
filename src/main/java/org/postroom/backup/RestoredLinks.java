package org.postroom.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.postroom.files.OwnerOnly;

/**
 * The data folder's symbolic links on restore ({@link Manifest.Link}). The link itself is recreated as it was: after
 * a restore onto the machine it came from, {@code DIR/postroom.toml} is again the link to
 * {@code /etc/postroom/postroom.toml} the .deb made, so that editing {@code /etc} still takes effect. A restore writes
 * outside the data folder only where nothing is: a link's content (the configuration) is written to the link's
 * target when that is absent (a new machine without the package); a target that exists is the administrator's and is
 * kept as it is — when it differs from the backup's copy, that copy is put beside the link as {@code NAME.from-backup}
 * and the restore says so. A link to an absent folder ({@code logs}) gets the folder made.
 */
final class RestoredLinks {
    /** Where a link's content waits in the staging (the link itself is under {@code data/}). */
    static final String CONTENT = "linked";
    static final String FROM_BACKUP = ".from-backup";

    private RestoredLinks() {}

    static boolean isLink(Manifest manifest, String rel) {
        return manifest.links().stream().anyMatch(l -> l.path().equals(rel));
    }

    /** Makes each link in the staging's {@code data/}, to be renamed into place with the rest. */
    static void stage(Manifest manifest, Path staging) throws IOException {
        for (Manifest.Link link : manifest.links()) {
            Path at = staging.resolve(Manifest.DATA).resolve(link.path());
            OwnerOnly.createDirectories(at.getParent());
            Files.deleteIfExists(at);
            Files.createSymbolicLink(at, Path.of(link.target()));
        }
    }

    /** Once the restored entries are in place: each link's target as the class comment says; what was done, to tell. */
    static List<String> complete(Manifest manifest, Path staging, Path target) {
        List<String> notes = new ArrayList<>();
        for (Manifest.Link link : manifest.links()) {
            Path at = target.resolve(link.path());
            Path to = at.getParent().resolve(link.target()).normalize();
            Path content = staging.resolve(CONTENT).resolve(link.path());
            try {
                if (Files.isRegularFile(content, LinkOption.NOFOLLOW_LINKS)) {
                    notes.add(file(link, at, to, content));
                } else if (link.folder() && !Files.exists(to)) {
                    OwnerOnly.createDirectories(to);
                    notes.add(link.path() + " links to " + to + ", which did not exist: made it (empty)");
                }
            } catch (IOException e) {
                notes.add(link.path() + " links to " + to + ", which could not be made (" + e.getMessage() + "): make it by hand");
            }
        }
        return notes.stream().filter(n -> !n.isEmpty()).toList();
    }

    private static String file(Manifest.Link link, Path at, Path to, Path content) throws IOException {
        if (!Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            try {
                copy(content, to);
                return link.path() + " links to " + to + ", which did not exist: wrote the backup's copy there";
            } catch (IOException e) {
                Path beside = copyBeside(content, at);
                return link.path() + " links to " + to + ", which did not exist and could not be written (" + e.getMessage()
                        + "): the backup's copy is " + beside;
            }
        }
        if (sameBytes(content, to)) return "";
        Path beside = copyBeside(content, at);
        return link.path() + " links to " + to + ", kept as it is (it differs from the backup's copy, which is "
                + beside + ": compare them, and copy it over to use it)";
    }

    private static Path copyBeside(Path content, Path at) throws IOException {
        Path beside = at.resolveSibling(at.getFileName() + FROM_BACKUP);
        Files.deleteIfExists(beside);
        copy(content, beside);
        return beside;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (InputStream in = Files.newInputStream(from); FileChannel out = OwnerOnly.createFile(to)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(in.readAllBytes());
            while (buffer.hasRemaining()) out.write(buffer);
            out.force(true);
        }
        Files.setLastModifiedTime(to, Files.getLastModifiedTime(from));
    }

    private static boolean sameBytes(Path a, Path b) throws IOException {
        return Files.size(a) == Files.size(b) && Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}
