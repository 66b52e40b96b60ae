package org.postroom.message;

import java.io.IOException;
import java.io.InputStream;

/**
 * What intake needs to know about a message's header section (RFC 5322 2.2): how many {@code Received} fields
 * it has (loop detection), whether {@code Message-ID} and {@code Date} are present (submission adds them,
 * RFC 6409 8.2 and 8.3), and the first Message-ID for the log line. Read by {@link HeaderScanner}: names only, and
 * the value of the first {@code Message-ID}; the other values are skipped, not decoded.
 *
 * @param messageId the body of the first {@code Message-ID} field, at most {@link #MAX_ID} characters, printable
 *     ASCII only (anything else is a {@code ?}); "" when there is none
 */
public record HeaderSummary(int receivedCount, boolean hasMessageId, boolean hasDate, String messageId) {
    /** A Message-ID is short (RFC 5322 3.6.4); anything longer is cut, it is only for the log. */
    static final int MAX_ID = 250;

    /** Reads the whole header section, however long (a loop may hide its Received fields far down). */
    public static HeaderSummary scan(InputStream in) throws IOException {
        int received = 0;
        boolean date = false;
        String messageId = null;
        HeaderScanner fields = new HeaderScanner(in, Long.MAX_VALUE);
        while (fields.next()) {
            String name = fields.name();
            if (name.equalsIgnoreCase("Received")) received++;
            else if (name.equalsIgnoreCase("Date")) date = true;
            else if (name.equalsIgnoreCase("Message-ID") && messageId == null) messageId = printable(fields.value(MAX_ID));
        }
        return new HeaderSummary(received, messageId != null, date, messageId == null ? "" : messageId);
    }

    /** Nothing in a message may forge a log line: printable ASCII stays, blanks become spaces, the rest {@code ?}. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c > 32 && c < 127 ? c : c == ' ' || c == '\t' ? ' ' : '?');
        }
        return out.toString();
    }
}
