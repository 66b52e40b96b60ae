package org.postroom.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed, validated access to the parsed TOML tree; every failure names the file, line and key. */
final class ConfigReader {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMG]?)B?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

    private final Path file;
    private final JsonNode root;
    private final TomlLines lines;

    ConfigReader(Path file, JsonNode root, TomlLines lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    /**
     * One JSON object with a table's keys that does not come from the file (a collect account kept in the database,
     * or sent to the API): errors name {@code source} and the bare key, and there are no lines.
     */
    static Table object(String source, JsonNode node, String... keys) {
        ConfigReader reader = new ConfigReader(Path.of(source), node, new TomlLines(java.util.List.of()));
        Set<String> allowed = Set.of(keys);
        for (String key : ConfigLoader.names(node::fieldNames)) {
            if (!allowed.contains(key)) throw new ConfigException(reader.file, 0, key, "unknown setting");
        }
        return reader.new Table("", node, -1);
    }

    void allowTables(String... names) {
        Set<String> allowed = Set.of(names);
        for (String name : ConfigLoader.names(root::fieldNames)) {
            if (!allowed.contains(name)) throw new ConfigException(file, lines.line(name), name, "unknown setting or table");
            if (!root.get(name).isObject()) throw new ConfigException(file, lines.line(name), name, "must be a table [" + name + "]");
        }
    }

    Table table(String name, String... keys) {
        JsonNode node = root.path(name);
        Set<String> allowed = Set.of(keys);
        for (String key : ConfigLoader.names(node::fieldNames)) {
            if (!allowed.contains(key)) fail(name + "." + key, "unknown setting");
        }
        return new Table(name, node, -1);
    }

    /** A TOML array of tables such as {@code [[collect.account]]}: {@code parent} holds only {@code name}. */
    List<Table> tableArray(String parent, String name, String... keys) {
        JsonNode outer = root.path(parent);
        for (String key : ConfigLoader.names(outer::fieldNames)) {
            if (!key.equals(name)) fail(parent + "." + key, "unknown setting");
        }
        JsonNode array = outer.path(name);
        if (array.isMissingNode()) return List.of();
        if (!array.isArray()) fail(parent + "." + name, "must be written as [[" + parent + "." + name + "]] tables");
        Set<String> allowed = Set.of(keys);
        List<Table> tables = new ArrayList<>();
        for (JsonNode node : array) {
            if (!node.isObject()) fail(parent + "." + name, "must be written as [[" + parent + "." + name + "]] tables");
            Table table = new Table(parent + "." + name, node, tables.size());
            for (String key : ConfigLoader.names(node::fieldNames)) {
                if (!allowed.contains(key)) throw table.problem(key, "unknown setting");
            }
            tables.add(table);
        }
        return tables;
    }

    /** The line of a dotted key, 0 when it is not in the file (its default applies), for checks across tables. */
    int line(String dottedKey) {
        return lines.line(dottedKey);
    }

    /** An error about {@code dottedKey} found by a check across tables. */
    ConfigException problem(String dottedKey, String problem) {
        return fail(dottedKey, problem);
    }

    private ConfigException fail(String dottedKey, String problem) {
        throw new ConfigException(file, lines.line(dottedKey), dottedKey, problem);
    }

    /**
     * One {@code [table]}, or one of an array of {@code [[tables]]} ({@code index} from 0, else -1); each getter
     * returns the default when the key is absent.
     */
    final class Table {
        private final String name;
        private final JsonNode node;
        private final int index;

        private Table(String name, JsonNode node, int index) {
            this.name = name;
            this.node = node;
            this.index = index;
        }

        /**
         * An error about {@code key}. In an array of tables it names the line in that very table (or its header, for
         * a key that is missing) and which table it is: {@code collect.account.host (account "office")}.
         */
        private ConfigException bad(String key, String problem) {
            if (index < 0) return fail(name.isEmpty() ? key : name + "." + key, problem);
            JsonNode own = node.get("name");
            String kind = name.substring(name.lastIndexOf('.') + 1);
            String which = own != null && own.isTextual() && !own.asText().isBlank() ? kind + " \"" + own.asText() + "\""
                    : kind + " #" + (index + 1);
            throw new ConfigException(file, lines.line(name, index, key), name + "." + key + " (" + which + ")", problem);
        }

        String string(String key, String fallback) {
            JsonNode value = node.get(key);
            if (value == null) return fallback;
            if (!value.isTextual()) throw bad(key, "must be a string in quotes");
            return value.asText();
        }

        boolean bool(String key, boolean fallback) {
            JsonNode value = node.get(key);
            if (value == null) return fallback;
            if (!value.isBoolean()) throw bad(key, "must be true or false");
            return value.asBoolean();
        }

        int integer(String key, int fallback, int min, int max) {
            JsonNode value = node.get(key);
            if (value == null) return fallback;
            if (!value.canConvertToInt() || !value.isIntegralNumber()) throw bad(key, "must be a whole number");
            int n = value.asInt();
            if (n < min || n > max) throw bad(key, "must be between " + min + " and " + max);
            return n;
        }

        int port(String key, int fallback) {
            return integer(key, fallback, 0, 65535);
        }

        long size(String key, long fallback, long min) {
            JsonNode value = node.get(key);
            if (value == null) return fallback;
            long bytes;
            if (value.isIntegralNumber()) {
                bytes = value.asLong();
            } else {
                Matcher m = SIZE.matcher(value.asText().trim());
                if (!value.isTextual() || !m.matches()) throw bad(key, "must be a size such as \"25M\"");
                int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
                    case "K" -> 10;
                    case "M" -> 20;
                    case "G" -> 30;
                    default -> 0;
                };
                bytes = Long.parseLong(m.group(1)) << shift;
            }
            if (bytes < min) throw bad(key, "must be at least " + min + " bytes");
            return bytes;
        }

        Duration duration(String key, String fallback) {
            JsonNode value = node.get(key);
            String text = value == null ? fallback : value.asText().trim();
            if (value != null && !value.isTextual()) throw bad(key, "must be a duration such as \"30s\" or \"5m\"");
            Matcher m = DURATION.matcher(text);
            if (!m.matches()) throw bad(key, "must be a duration such as \"30s\" or \"5m\"");
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }

        <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
            String text = string(key, fallback.name().toLowerCase(Locale.ROOT));
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(text)) return e;
            }
            List<String> allowed = new ArrayList<>();
            for (E e : type.getEnumConstants()) allowed.add("\"" + e.name().toLowerCase(Locale.ROOT) + "\"");
            throw bad(key, "must be one of " + String.join(", ", allowed));
        }

        String ipAddress(String key, String fallback) {
            String text = string(key, fallback);
            try {
                Cidr.parse(text);
            } catch (IllegalArgumentException e) {
                throw bad(key, "must be an IP address: " + e.getMessage());
            }
            return text;
        }

        /** A list of strings, each checked by the caller. */
        List<String> strings(String key, List<String> fallback) {
            JsonNode value = node.get(key);
            if (value == null) return fallback;
            if (!value.isArray()) throw bad(key, "must be a list such as [\"a\", \"b\"]");
            List<String> out = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual()) throw bad(key, "must be a list of strings in quotes");
                out.add(item.asText());
            }
            return out;
        }

        /** An error about {@code key} of this table, naming the file and line, for checks the getters cannot make. */
        ConfigException problem(String key, String problem) {
            return bad(key, problem);
        }

        List<Cidr> cidrs(String key, List<String> fallback) {
            JsonNode value = node.get(key);
            List<String> texts = new ArrayList<>();
            if (value == null) {
                texts.addAll(fallback);
            } else if (value.isArray()) {
                for (JsonNode item : value) {
                    if (!item.isTextual()) throw bad(key, "must be a list of networks in quotes");
                    texts.add(item.asText());
                }
            } else {
                throw bad(key, "must be a list such as [\"192.168.1.0/24\"]");
            }
            List<Cidr> out = new ArrayList<>();
            for (String text : texts) {
                try {
                    out.add(Cidr.parse(text));
                } catch (IllegalArgumentException e) {
                    throw bad(key, e.getMessage());
                }
            }
            return out;
        }
    }
}
