package org.postroom.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postroom.store.Maildir;

/**
 * The messages of one Maildir folder in the copy, followed by their unique names. A message's bytes never change,
 * but its name does while the server runs: {@code new/} to {@code cur/} when it is first seen, and a new
 * {@code :2,} info for each flag change; so a file listed a moment ago may be gone under that name when it is
 * opened. Each pass lists {@code new/} before {@code cur/} (a message only ever moves from the one to the other,
 * so it cannot slip between the two listings), copies each unique name not yet copied, and for one copied
 * already under another name renames the copy (its flags as they are now, without reading it again). A name that
 * vanished before it could be opened makes another pass, which finds the message under its new name.
 *
 * <p>A message once copied stays in the copy even if it is gone at the next pass: it may have been expunged, or
 * moved by IMAP to a folder already copied (MOVE links the new name before it removes the old). Keeping it risks
 * a message deleted during the backup coming back on restore; dropping it could lose one.
 */
final class MaildirMessages {
    private final Path dir;
    private final String rel;
    private final Map<String, String> copied = new HashMap<>();

    /** What one pass did. */
    record Pass(int copied, int renamed, int vanished) {
        boolean changed() {
            return copied + renamed > 0;
        }
    }

    MaildirMessages(Path dir, String rel) {
        this.dir = dir;
        this.rel = rel;
    }

    Pass pass(Staging staging) throws IOException {
        Map<String, String> listed = new LinkedHashMap<>();
        for (String sub : new String[] {"new", "cur"}) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve(sub))) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(".")) continue; // not a message (Maildir: names starting with a dot are ignored)
                    listed.put(Maildir.uniqueName(name), sub + "/" + name);
                }
            } catch (NoSuchFileException e) {
                // the folder was deleted meanwhile (IMAP DELETE): what was copied stays
            }
        }
        int copies = 0;
        int renames = 0;
        int vanished = 0;
        for (Map.Entry<String, String> message : listed.entrySet()) {
            String now = path(message.getValue());
            String before = copied.get(message.getKey());
            if (now.equals(before)) continue;
            if (before != null) {
                staging.rename(before, now);
                renames++;
            } else if (staging.copy(dir.resolve(message.getValue()), now)) {
                copies++;
            } else {
                vanished++;
                continue;
            }
            copied.put(message.getKey(), now);
        }
        return new Pass(copies, renames, vanished);
    }

    private String path(String inFolder) {
        return rel.isEmpty() ? inFolder : rel + "/" + inFolder;
    }

    int size() {
        return copied.size();
    }
}
