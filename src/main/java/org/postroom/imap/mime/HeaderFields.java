package org.postroom.imap.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fields of one part's header that BODYSTRUCTURE and ENVELOPE need (RFC 3501 7.4.2), unfolded, as octet strings
 * (one char per octet, so 8-bit text goes back out unchanged). Bounded: other fields are not kept, a value stops
 * growing at {@link #MAX_VALUE} octets, and only the first of each name is kept (as Dovecot does).
 */
final class HeaderFields {
    static final int MAX_VALUE = 16384;
    private static final Set<String> CONTENT = Set.of("content-type", "content-transfer-encoding", "content-id",
            "content-description", "content-disposition", "content-language", "content-location", "content-md5");
    private static final Set<String> ENVELOPE = Set.of("date", "subject", "from", "sender", "reply-to", "to", "cc",
            "bcc", "in-reply-to", "message-id");

    private final boolean messageHeader;
    private final List<String> names = new ArrayList<>();
    private final List<StringBuilder> values = new ArrayList<>();
    /** The value being read (a kept field's), or null when the current field is not kept. */
    private StringBuilder open;

    /** @param messageHeader whether this header is a message's (RFC 5322 fields wanted), not only a body part's */
    HeaderFields(boolean messageHeader) {
        this.messageHeader = messageHeader;
    }

    /** A field's first line: {@code name: value}; a line with no colon is no field and ends the one before. */
    void start(byte[] line, int length) {
        open = null;
        int colon = -1;
        for (int i = 0; i < length && i < 100; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) return;
        String name = octets(line, 0, colon).strip().toLowerCase(Locale.ROOT);
        if (!(CONTENT.contains(name) || messageHeader && ENVELOPE.contains(name)) || names.contains(name)) return;
        names.add(name);
        open = new StringBuilder();
        values.add(open);
        append(line, colon + 1, length);
    }

    /** A continuation line (RFC 5322 2.2.3: unfolding removes the line end only, the blank stays). */
    void continueField(byte[] line, int length) {
        if (open != null) append(line, 0, length);
    }

    private void append(byte[] line, int from, int to) {
        int n = Math.min(to - from, MAX_VALUE - open.length());
        for (int i = 0; i < n; i++) open.append((char) (line[from + i] & 0xff));
    }

    /** The value of {@code name} (lower case), blanks around it removed; null when absent. */
    String get(String name) {
        int i = names.indexOf(name);
        return i < 0 ? null : values.get(i).toString().strip();
    }

    static String octets(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
