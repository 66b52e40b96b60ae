package org.postroom.store.folder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's subscribed folder names, in Dovecot's {@code subscriptions} file in the Maildir: version 2 ({@code V\t2}
 * and an empty line, then one name a line with a tab between hierarchy levels), as Dovecot 2.3 writes it; version 1
 * (plain names, {@code .} or {@code /} between levels) is read too.
 */
final class Subscriptions {
    static final String NAME = "subscriptions";
    private static final String HEADER = "V\t2\n\n";

    private Subscriptions() {}

    static Set<String> read(Path userRoot) throws IOException {
        String text;
        try {
            text = Files.readString(userRoot.resolve(NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new LinkedHashSet<>();
        }
        boolean v2 = text.startsWith(HEADER);
        if (v2) text = text.substring(HEADER.length());
        Set<String> names = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) continue;
            names.add(v2 ? line.replace('\t', '/') : line.replace('.', '/'));
        }
        return names;
    }

    static void write(Path userRoot, Set<String> names) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (String name : List.copyOf(names)) text.append(name.replace('/', '\t')).append('\n');
        SmallFiles.replace(userRoot.resolve(NAME), text.toString());
    }
}
