package org.postroom.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two JSON shapes of a trace row (RFC 8259): an array of strings (its addresses) and an object of strings (its
 * details), written and read here rather than by Jackson. The bytes are the ones Jackson writes (so rows and journal
 * lines written before read the same), but Jackson's first use in a process builds its serializers and deserializers
 * (tens of milliseconds: the first `postroom trace` query paid them), and its general path was a fifth of the
 * writer thread's time per event.
 */
final class FlatJson {
    private FlatJson() {}

    static String array(List<String> values) {
        StringBuilder out = new StringBuilder(16 + values.size() * 32);
        appendArray(out, values);
        return out.toString();
    }

    static String object(Map<String, String> values) {
        StringBuilder out = new StringBuilder(16 + values.size() * 48);
        appendObject(out, values);
        return out.toString();
    }

    static void appendArray(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) out.append(',');
            appendString(out, values.get(i));
        }
        out.append(']');
    }

    static void appendObject(StringBuilder out, Map<String, String> values) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!first) out.append(',');
            first = false;
            appendString(out, e.getKey());
            out.append(':');
            appendString(out, e.getValue());
        }
        out.append('}');
    }

    /** A string literal, escaped as RFC 8259 section 7 requires (quote, backslash, control characters) and no more. */
    static void appendString(StringBuilder out, String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04X", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    static List<String> parseArray(String json) {
        Parser p = new Parser(json);
        List<String> values = new ArrayList<>();
        p.expect('[');
        if (!p.skipIf(']')) {
            do values.add(p.string()); while (p.skipIf(','));
            p.expect(']');
        }
        p.end();
        return values;
    }

    static Map<String, String> parseObject(String json) {
        Parser p = new Parser(json);
        Map<String, String> values = new LinkedHashMap<>();
        p.expect('{');
        if (!p.skipIf('}')) {
            do {
                String key = p.string();
                p.expect(':');
                values.put(key, p.string());
            } while (p.skipIf(','));
            p.expect('}');
        }
        p.end();
        return values;
    }

    /** Thrown for text that is not the expected shape: a damaged row. */
    static final class Malformed extends IllegalArgumentException {
        Malformed(String message) {
            super(message);
        }
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        private void space() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) i++;
        }

        void expect(char c) {
            if (!skipIf(c)) throw new Malformed("expected '" + c + "' at " + i + " in " + s);
        }

        boolean skipIf(char c) {
            space();
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        void end() {
            space();
            if (i != s.length()) throw new Malformed("text after the end at " + i + " in " + s);
        }

        /** A string literal, or {@code null}. */
        String string() {
            space();
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (i >= s.length()) throw new Malformed("a string not closed in " + s);
                char c = s.charAt(i++);
                if (c == '"') return out.toString();
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (i >= s.length()) throw new Malformed("an escape cut short in " + s);
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) throw new Malformed("a \\u escape cut short in " + s);
                        try {
                            out.append((char) Integer.parseInt(s, i, i + 4, 16));
                        } catch (NumberFormatException x) {
                            throw new Malformed("a bad \\u escape in " + s);
                        }
                        i += 4;
                    }
                    default -> throw new Malformed("an unknown escape \\" + e + " in " + s);
                }
            }
        }
    }
}
