package org.postroom.imap.mime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A structured MIME field value: {@code main; name=value; ...} as in Content-Type and Content-Disposition (RFC 2045
 * 5.1, RFC 2183), with comments skipped (RFC 5322 3.2.2) and RFC 2231 continuations joined. Lenient: whatever does
 * not parse is dropped, nothing throws.
 *
 * <p>Parameters keep their order as written; the RFC 2231 ones ({@code name*0}, {@code name*1*}, {@code name*}) are
 * joined into one, named {@code name*} when any piece was extended ({@code charset'language'%XX}), and put after the
 * plain ones, as Dovecot shows them in BODYSTRUCTURE. Strings are "octet strings" (one char per octet, ISO-8859-1).
 *
 * @param value the part before the first {@code ;} ({@code text/plain}, {@code attachment}), blanks removed
 */
public record HeaderValue(String value, List<Parameter> parameters) {
    /** Bounds the work one field can cause. */
    private static final int MAX_PARAMETERS = 64;

    public record Parameter(String name, String value) {}

    /** The value of the parameter named (case-insensitively) {@code name}, RFC 2231 decoded; null when absent. */
    public String parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name.equalsIgnoreCase(name)) return p.value;
        }
        for (Parameter p : parameters) {
            if (p.name.equalsIgnoreCase(name + "*")) return Rfc2231.decode(p.value);
        }
        return null;
    }

    /**
     * A MIME field's text for SEARCH: its RFC 2047 words decoded and, when it has RFC 2231 parameters
     * ({@code filename*=utf-8''Gr%C3%BC%C3%9Fe.txt}), their decoded values after it, so a search for the file name finds it.
     */
    public static String searchText(String field) {
        String text = EncodedWords.decode(field);
        if (field.indexOf("*=") < 0 && field.indexOf("*0") < 0) return text;
        StringBuilder s = new StringBuilder(text);
        for (Parameter p : parse(field).parameters) {
            if (p.name.endsWith("*")) s.append(' ').append(Rfc2231.decode(p.value));
        }
        return s.toString();
    }

    public static HeaderValue parse(String field) {
        Tokens tokens = new Tokens(field);
        StringBuilder main = new StringBuilder();
        while (!tokens.atEnd() && tokens.peek() != ';') {
            String token = tokens.word();
            if (token == null) tokens.skip();
            else main.append(token);
        }
        List<Parameter> plain = new ArrayList<>();
        Map<String, TreeMap<Integer, String>> pieces = new LinkedHashMap<>();
        Map<String, Boolean> extended = new LinkedHashMap<>();
        while (!tokens.atEnd() && plain.size() + pieces.size() < MAX_PARAMETERS) {
            tokens.skip(); // the ';'
            String name = tokens.word();
            if (name == null || tokens.atEnd() || tokens.peek() != '=') {
                tokens.skipTo(';');
                continue;
            }
            tokens.skip(); // '='
            String value = tokens.word();
            if (value == null) value = "";
            tokens.skipTo(';');
            int star = name.indexOf('*');
            if (star < 0) {
                plain.add(new Parameter(name, value));
                continue;
            }
            // RFC 2231 3 and 4: name*N, name*N*, name*
            String base = name.substring(0, star).toLowerCase(Locale.ROOT);
            String rest = name.substring(star + 1);
            boolean isExtended = rest.endsWith("*") || rest.isEmpty();
            String digits = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
            int index = digits.isEmpty() ? 0 : parseIndex(digits);
            if (index < 0) continue;
            pieces.computeIfAbsent(base, b -> new TreeMap<>()).putIfAbsent(index, value);
            if (isExtended && index == 0) extended.put(base, true);
        }
        List<Parameter> all = new ArrayList<>(plain);
        for (var entry : pieces.entrySet()) {
            StringBuilder joined = new StringBuilder();
            entry.getValue().values().forEach(joined::append);
            String base = entry.getKey();
            all.add(new Parameter(extended.containsKey(base) ? base + "*" : base, joined.toString()));
        }
        return new HeaderValue(main.toString().strip(), List.copyOf(all));
    }

    private static int parseIndex(String digits) {
        if (digits.length() > 3) return -1;
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') return -1;
        }
        return Integer.parseInt(digits);
    }

    /** RFC 2045 5.1 tokens: tspecials split, quoted strings unquoted, comments and blanks skipped. */
    private static final class Tokens {
        private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";
        private final String text;
        private int i;

        Tokens(String text) {
            this.text = text;
        }

        boolean atEnd() {
            skipBlanks();
            return i >= text.length();
        }

        char peek() {
            return text.charAt(i);
        }

        void skip() {
            i++;
        }

        void skipTo(char c) {
            while (!atEnd() && peek() != c) {
                if (word() == null) i++;
            }
        }

        /** A token or quoted string; '/' joins a type and subtype. Null when the next character is a tspecial. */
        String word() {
            skipBlanks();
            if (i >= text.length()) return null;
            char c = text.charAt(i);
            if (c == '"') return quoted();
            if (c == '/') {
                i++;
                return "/";
            }
            int start = i;
            while (i < text.length() && !isSpecial(text.charAt(i))) i++;
            return i > start ? text.substring(start, i) : null;
        }

        private String quoted() {
            StringBuilder out = new StringBuilder();
            i++;
            while (i < text.length()) {
                char c = text.charAt(i++);
                if (c == '"') return out.toString();
                if (c == '\\' && i < text.length()) c = text.charAt(i++);
                out.append(c);
            }
            return out.toString();
        }

        private void skipBlanks() {
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') i++;
                else if (c == '(') skipComment();
                else break;
            }
        }

        private void skipComment() {
            int depth = 0;
            while (i < text.length()) {
                char c = text.charAt(i++);
                if (c == '\\') i++;
                else if (c == '(') depth++;
                else if (c == ')' && --depth == 0) return;
            }
        }

        private static boolean isSpecial(char c) {
            return c <= ' ' || c == 127 || TSPECIALS.indexOf(c) >= 0;
        }
    }
}
