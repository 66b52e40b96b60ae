package org.postroom.store.folder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A folder's durable counters, {@code postroom-uids} in the folder (one line: {@code V<uidvalidity> N<uidnext>
 * M<modseq ceiling>}). Written as a new file, synced, renamed over the old one, and the folder synced, so that after
 * a power cut it holds either the old or the new line, never half of one. It is not the index: it is the one thing
 * the file names cannot tell (which UIDs were ever handed out), and it is tiny.
 *
 * <p>UIDNEXT is stored before any file is renamed with a UID below it (a reservation), so a crash can skip UIDs but
 * never reuse one. The MODSEQ ceiling is stored ahead of the MODSEQs handed out, so after a restart every MODSEQ
 * starts at the ceiling: MODSEQs may rise after a crash, never fall (RFC 7162 3.1.1).
 */
final class UidFile {
    static final String NAME = "postroom-uids";

    record Counters(long uidValidity, long uidNext, long modSeqCeiling) {}

    private UidFile() {}

    /** The stored counters, or null when the folder has none yet. */
    static Counters read(Path folder) throws IOException {
        String text;
        try {
            text = Files.readString(folder.resolve(NAME), StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
        long v = 0;
        long n = 1;
        long m = 1;
        for (String part : text.split(" ")) {
            if (part.length() < 2) continue;
            long value;
            try {
                value = Long.parseLong(part.substring(1));
            } catch (NumberFormatException e) {
                throw new IOException(folder.resolve(NAME) + ": cannot read " + part);
            }
            switch (part.charAt(0)) {
                case 'V' -> v = value;
                case 'N' -> n = value;
                case 'M' -> m = value;
                default -> { } // a later version's field
            }
        }
        if (v <= 0) throw new IOException(folder.resolve(NAME) + ": no UIDVALIDITY in \"" + text + "\"");
        return new Counters(v, Math.max(1, n), Math.max(1, m));
    }

    /** Replaces the stored counters durably: when this returns, a power cut keeps them. */
    static void write(Path folder, Counters counters) throws IOException {
        SmallFiles.replace(folder.resolve(NAME),
                "V" + counters.uidValidity() + " N" + counters.uidNext() + " M" + counters.modSeqCeiling() + "\n");
    }

    /** A new folder's UIDVALIDITY: the time in seconds, as Dovecot chooses it, so a re-created name gets a new one. */
    static long newUidValidity() {
        return Math.max(1, System.currentTimeMillis() / 1000);
    }

    static boolean exists(Path folder) {
        return Files.exists(folder.resolve(NAME), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}
