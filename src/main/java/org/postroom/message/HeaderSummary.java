package org.postroom.message;

import java.io.IOException;
import java.io.InputStream;

/**
 * What intake needs to know about a message's header section (RFC 5322 2.2): how many {@code Received} fields
 * it has (loop detection) and whether {@code Message-ID} and {@code Date} are present (submission adds them,
 * RFC 6409 8.2 and 8.3). Read by {@link HeaderScanner}, names only: the values are skipped, not decoded.
 */
public record HeaderSummary(int receivedCount, boolean hasMessageId, boolean hasDate) {

    /** Reads the whole header section, however long (a loop may hide its Received fields far down). */
    public static HeaderSummary scan(InputStream in) throws IOException {
        int received = 0;
        boolean messageId = false;
        boolean date = false;
        HeaderScanner fields = new HeaderScanner(in, Long.MAX_VALUE);
        while (fields.next()) {
            String name = fields.name();
            if (name.equalsIgnoreCase("Received")) received++;
            else if (name.equalsIgnoreCase("Message-ID")) messageId = true;
            else if (name.equalsIgnoreCase("Date")) date = true;
        }
        return new HeaderSummary(received, messageId, date);
    }
}
