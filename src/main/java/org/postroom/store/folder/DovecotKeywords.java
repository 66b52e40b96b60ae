package org.postroom.store.folder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A folder's keyword names, in Dovecot's {@code dovecot-keywords} file: one {@code <index> <name>} line per keyword;
 * index {@code i} is the letter {@code 'a' + i} in the message file names. 26 letters, so 26 keywords per folder (as
 * Dovecot's Maildir). The file is written before any file name uses a new letter, so a letter always has its name.
 */
final class DovecotKeywords {
    static final String NAME = "dovecot-keywords";
    static final int MAX = 26;

    private DovecotKeywords() {}

    /** The names by index; an index the file skips gets a placeholder name, so the list has no holes. */
    static List<String> read(Path folder) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(folder.resolve(NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        String[] names = new String[MAX];
        int count = 0;
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space <= 0 || space == line.length() - 1) continue;
            int index;
            try {
                index = Integer.parseInt(line.substring(0, space));
            } catch (NumberFormatException e) {
                continue;
            }
            if (index < 0 || index >= MAX) continue;
            names[index] = line.substring(space + 1);
            count = Math.max(count, index + 1);
        }
        List<String> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) result.add(names[i] != null ? names[i] : "$Unnamed" + (char) ('a' + i));
        return List.copyOf(result);
    }

    static void write(Path folder, List<String> names) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.size(); i++) text.append(i).append(' ').append(names.get(i)).append('\n');
        SmallFiles.replace(folder.resolve(NAME), text.toString());
    }

    /** The index of a keyword, matched without regard to case (RFC 3501 flags are case-insensitive), or -1. */
    static int indexOf(List<String> names, String keyword) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).toLowerCase(Locale.ROOT).equals(keyword.toLowerCase(Locale.ROOT))) return i;
        }
        return -1;
    }
}
