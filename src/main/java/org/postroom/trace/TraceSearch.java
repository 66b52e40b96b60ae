package org.postroom.trace;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a {@code postroom trace} query names, told apart by its shape: a Message-ID in angle brackets, a client's IP
 * address, an address (which may also be a Message-ID: both are searched), or a key (a queue id, an SMTP session,
 * or a Message-ID without brackets and without an at sign).
 */
record TraceSearch(Kind kind, String value) {

    enum Kind { MESSAGE_ID, CLIENT, ADDRESS_OR_MESSAGE_ID, KEY_OR_MESSAGE_ID }

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    static TraceSearch of(String query) {
        String q = query.strip();
        if (q.isEmpty()) throw new IllegalArgumentException("an empty query: give an address, a Message-ID, a queue id or a client address");
        if (q.startsWith("<") && q.endsWith(">")) return new TraceSearch(Kind.MESSAGE_ID, Event.stripBrackets(q));
        if (IPV4.matcher(q).matches() || IPV6.matcher(q).matches() && q.contains(":")) return new TraceSearch(Kind.CLIENT, q);
        if (q.contains("@")) return new TraceSearch(Kind.ADDRESS_OR_MESSAGE_ID, q);
        return new TraceSearch(Kind.KEY_OR_MESSAGE_ID, q);
    }

    /**
     * A query for the {@code (message, at)} pairs of the matching steps at or after a time, each part answered from one
     * covering index; its parameters are {@link #parameters(long)}.
     */
    String pairs() {
        return switch (kind) {
            case MESSAGE_ID -> "SELECT message, at FROM event WHERE message_id = ? AND " + TraceStore.MESSAGE_ID_INDEXED + " AND at >= ?";
            case CLIENT -> "SELECT message, at FROM event WHERE client = ? AND at >= ?";
            case ADDRESS_OR_MESSAGE_ID -> "SELECT message, at FROM event_address WHERE address = ? AND at >= ? "
                    + "UNION ALL SELECT message, at FROM event WHERE message_id = ? AND " + TraceStore.MESSAGE_ID_INDEXED + " AND at >= ?";
            case KEY_OR_MESSAGE_ID -> "SELECT message, at FROM event WHERE message = ? AND at >= ? "
                    + "UNION ALL SELECT message, at FROM event WHERE message_id = ? AND " + TraceStore.MESSAGE_ID_INDEXED + " AND at >= ?";
        };
    }

    Object[] parameters(long sinceMicros) {
        return switch (kind) {
            case MESSAGE_ID, CLIENT -> new Object[] {value, sinceMicros};
            case ADDRESS_OR_MESSAGE_ID -> new Object[] {value.toLowerCase(Locale.ROOT), sinceMicros, value, sinceMicros};
            case KEY_OR_MESSAGE_ID -> new Object[] {value, sinceMicros, value, sinceMicros};
        };
    }
}
