package org.postroom.store.folder;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.postroom.store.Maildir;

/**
 * The folder's index, {@code postroom-index}: each message's MODSEQ (RFC 7162), the one thing the file names do not
 * hold, with the file name it had, so that a restart does not make CONDSTORE clients fetch every flag again. It is a
 * cache and is trusted only while exact: written when the folder falls idle (its last listener leaves), removed
 * (durably) before the first change after that. Without it, or for a file whose name changed meanwhile (a hand
 * edit), every MODSEQ starts above all handed out: they may rise, never fall. Deleting it changes no UID.
 *
 * <p>Format: {@code P1 V<uidvalidity> H<highestmodseq>}, then {@code <uid> <modseq> <file name>} per message.
 */
final class FolderIndex {
    static final String NAME = "postroom-index";

    record Read(long uidValidity, long highestModSeq, Map<Long, Long> modSeqs, Map<Long, String> names) {}

    private FolderIndex() {}

    /** The index, or null when there is none or it cannot be read (it is only a cache). */
    static Read read(Path folder) {
        try (BufferedReader in = Files.newBufferedReader(folder.resolve(NAME), StandardCharsets.UTF_8)) {
            String[] header = in.readLine().split(" ");
            if (header.length < 3 || !header[0].equals("P1")) return null;
            long validity = Long.parseLong(header[1].substring(1));
            long highest = Long.parseLong(header[2].substring(1));
            Map<Long, Long> modSeqs = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            for (String line; (line = in.readLine()) != null; ) {
                int a = line.indexOf(' ');
                int b = line.indexOf(' ', a + 1);
                if (a < 0 || b < 0) return null;
                long uid = Long.parseLong(line, 0, a, 10);
                modSeqs.put(uid, Long.parseLong(line, a + 1, b, 10));
                names.put(uid, line.substring(b + 1));
            }
            return new Read(validity, highest, modSeqs, names);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // half written by a crash, or edited: rebuilt from the files
        }
    }

    static void write(Path folder, FolderState state) throws IOException {
        StringBuilder text = new StringBuilder(64 + state.entries.length * 80);
        text.append("P1 V").append(state.uidValidity).append(" H").append(state.highestModSeq).append('\n');
        for (Entry e : state.entries) text.append(e.uid()).append(' ').append(e.info().modSeq()).append(' ').append(e.fileName()).append('\n');
        SmallFiles.replace(folder.resolve(NAME), text.toString());
    }

    /** Before a change: the index would be stale, so it goes, durably (a crash must not bring it back). */
    static void invalidate(Path folder) throws IOException {
        if (Files.deleteIfExists(folder.resolve(NAME))) Maildir.syncDirectory(folder);
    }
}
