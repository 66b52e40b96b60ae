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
    /** {@code [[collect.account]]}: one table of an array; the n-th is known as {@code collect.account[n]} (from 0). */
    private static final Pattern ARRAY_TABLE = Pattern.compile("^\\s*\\[\\[\\s*([A-Za-z0-9_.-]+)\\s*]]");
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z0-9_-]+)\\s*=");

    private final Map<String, Integer> lineOf = new HashMap<>();

    TomlLines(List<String> lines) {
        String table = "";
        String indexed = ""; // "collect.account[1]" while inside an array table, else ""
        Map<String, Integer> arrayCount = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher a = ARRAY_TABLE.matcher(lines.get(i));
            if (a.find()) {
                table = a.group(1);
                indexed = table + "[" + (arrayCount.merge(table, 1, Integer::sum) - 1) + "]";
                lineOf.putIfAbsent(table, i + 1);
                lineOf.put(indexed, i + 1);
                continue;
            }
            Matcher t = TABLE.matcher(lines.get(i));
            if (t.find()) {
                table = t.group(1);
                indexed = "";
                lineOf.putIfAbsent(table, i + 1);
                continue;
            }
            Matcher k = KEY.matcher(lines.get(i));
            if (!k.find()) continue;
            lineOf.putIfAbsent(table.isEmpty() ? k.group(1) : table + "." + k.group(1), i + 1);
            if (!indexed.isEmpty()) lineOf.putIfAbsent(indexed + "." + k.group(1), i + 1);
        }
    }

    /** The 1-based line of a dotted key such as {@code smtp.port}, or 0 when it is not in the file. */
    int line(String dottedKey) {
        return lineOf.getOrDefault(dottedKey, 0);
    }

    /**
     * The line of {@code key} in the {@code index}-th {@code [[array]]} table, or of that table's header when the
     * key is not written there (a setting that is missing); 0 when neither is in the file.
     */
    int line(String array, int index, String key) {
        String table = array + "[" + index + "]";
        return lineOf.getOrDefault(table + "." + key, lineOf.getOrDefault(table, 0));
    }
}
