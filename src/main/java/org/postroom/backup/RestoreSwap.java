package org.postroom.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.postroom.files.OwnerOnly;

/**
 * The step of {@code restore --force} that replaces the data folder's entries with the checked ones, so that nothing
 * is deleted before its replacement is in place: the old entries are renamed aside into {@code DIR/.restore.old/},
 * the restored ones renamed in from the staging, and only then (by {@link #dropAside}) is the old data deleted. A
 * rename that fails undoes the ones made, in reverse: the restored entries go back into the staging (which is kept
 * whole), the old ones back into the folder. Each step is a rename inside one file system: no copy, no half file.
 */
final class RestoreSwap {
    static final String ASIDE = ".restore.old";

    /** One rename; a test makes one fail ({@code RestoreSwapTest}), as a full or read-only disk would. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    static final Mover FILES = (from, to) -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);

    private record Moved(Path from, Path to) {}

    private RestoreSwap() {}

    /**
     * Puts {@code restored}'s entries into {@code target} in place of {@code present}. On failure the folder is
     * as it was (or the exception says where each part is) and {@code restored} still holds every restored entry.
     */
    static void place(Path target, Path restored, List<Path> present, Mover mover) throws IOException {
        Path aside = target.resolve(ASIDE);
        List<Moved> done = new ArrayList<>();
        try {
            if (!present.isEmpty()) OwnerOnly.createDirectories(aside);
            for (Path old : present) move(mover, old, aside.resolve(old.getFileName()), done);
            if (Files.isDirectory(restored)) {
                List<Path> entries = new ArrayList<>();
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(restored)) {
                    stream.forEach(entries::add);
                }
                entries.sort(null);
                for (Path entry : entries) move(mover, entry, target.resolve(entry.getFileName()), done);
            }
        } catch (IOException e) {
            String where = undo(done, e);
            if (where == null) {
                try {
                    Files.deleteIfExists(aside); // empty again
                } catch (IOException ignored) {
                    e.addSuppressed(ignored);
                }
                where = "the folder is as it was, and the checked restore is kept in " + Restore.STAGING + "/ (the next restore starts afresh)";
            }
            throw new IOException("could not put the restored files into " + target + " (" + e.getMessage() + "); " + where, e);
        }
    }

    private static void move(Mover mover, Path from, Path to, List<Moved> done) throws IOException {
        mover.move(from, to);
        done.add(new Moved(from, to));
    }

    /** Reverses the renames made, last first; null when all are undone, else where things are. */
    private static String undo(List<Moved> done, IOException cause) {
        for (int i = done.size() - 1; i >= 0; i--) {
            Moved m = done.get(i);
            try {
                Files.move(m.to(), m.from(), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException again) {
                cause.addSuppressed(again);
                return "undoing it failed too (" + again.getMessage() + "): nothing was deleted, but "
                        + (i + 1) + " entr" + (i == 0 ? "y is" : "ies are") + " still renamed, the last " + m.to() + " (from " + m.from()
                        + "); the old entries not yet back are in " + RestoreSwap.ASIDE + "/, the restored ones in "
                        + Restore.STAGING + "/" + Manifest.DATA + "/ or already in place";
            }
        }
        return null;
    }

    /** After the restored entries are in place and durable: the old data goes. */
    static void dropAside(Path target) throws IOException {
        Backup.deleteTree(target.resolve(ASIDE));
    }
}
