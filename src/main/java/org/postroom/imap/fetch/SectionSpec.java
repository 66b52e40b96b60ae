package org.postroom.imap.fetch;

import java.util.List;

/**
 * RFC 3501 6.4.5 {@code section}: a part number ({@code 1.2.3}, empty for the whole message) and what of it.
 *
 * @param fields the header-list of HEADER.FIELDS and HEADER.FIELDS.NOT, as the client wrote them; empty otherwise
 */
public record SectionSpec(List<Integer> part, Text text, List<String> fields) {
    public static final SectionSpec WHOLE = new SectionSpec(List.of(), Text.NONE, List.of());
    public static final SectionSpec HEADER = new SectionSpec(List.of(), Text.HEADER, List.of());
    public static final SectionSpec TEXT = new SectionSpec(List.of(), Text.TEXT, List.of());

    public enum Text {
        /** The part's body (or the whole message, with no part number). */
        NONE(""), HEADER("HEADER"), HEADER_FIELDS("HEADER.FIELDS"), HEADER_FIELDS_NOT("HEADER.FIELDS.NOT"), MIME("MIME"), TEXT("TEXT");

        private final String wireName;

        Text(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The section as it appears between the brackets of the response ({@code 1.2.HEADER.FIELDS (SUBJECT)}). */
    public String wireForm() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < part.size(); i++) {
            if (i > 0) s.append('.');
            s.append(part.get(i));
        }
        if (text != Text.NONE) {
            if (!part.isEmpty()) s.append('.');
            s.append(text.wireName());
        }
        if (text == Text.HEADER_FIELDS || text == Text.HEADER_FIELDS_NOT) {
            s.append(" (");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) s.append(' ');
                s.append(quoteIfNeeded(fields.get(i)));
            }
            s.append(')');
        }
        return s.toString();
    }

    /** Whether answering needs only the top-level header (no structure): HEADER and HEADER.FIELDS of the message. */
    boolean topHeaderOnly() {
        return part.isEmpty() && (text == Text.HEADER || text == Text.HEADER_FIELDS || text == Text.HEADER_FIELDS_NOT);
    }

    private static String quoteIfNeeded(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c <= ' ' || c >= 127 || "(){%*\"\\]".indexOf(c) >= 0) {
                return "\"" + field.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return field.isEmpty() ? "\"\"" : field;
    }
}
