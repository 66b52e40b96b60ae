package org.postroom.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each {@code [table]} and {@code key} stands in a TOML file, so an error can name the line. The TOML
 * itself is parsed by Jackson; this only needs the simple shapes Postroom's file uses.
 */
final class TomlLines {
    private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\s*([A-Za-z0-9_.-]+)\\s*]");
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z0-9_-]+)\\s*=");

    private final Map<String, Integer> lineOf = new HashMap<>();

    TomlLines(List<String> lines) {
        String table = "";
        for (int i = 0; i < lines.size(); i++) {
            Matcher t = TABLE.matcher(lines.get(i));
            if (t.find()) {
                table = t.group(1);
                lineOf.putIfAbsent(table, i + 1);
                continue;
            }
            Matcher k = KEY.matcher(lines.get(i));
            if (k.find()) lineOf.putIfAbsent(table.isEmpty() ? k.group(1) : table + "." + k.group(1), i + 1);
        }
    }

    /** The 1-based line of a dotted key such as {@code smtp.port}, or 0 when it is not in the file. */
    int line(String dottedKey) {
        return lineOf.getOrDefault(dottedKey, 0);
    }
}
