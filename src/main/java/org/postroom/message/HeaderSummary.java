package org.postroom.message;

import java.io.IOException;
import java.io.InputStream;

/**
 * What intake needs to know about a message's header section (RFC 5322 2.2): how many {@code Received} fields
 * it has (loop detection) and whether {@code Message-ID} and {@code Date} are present (submission adds them,
 * RFC 6409 8.2 and 8.3). It reads only the header section, line by line, and never holds more than a line.
 */
public record HeaderSummary(int receivedCount, boolean hasMessageId, boolean hasDate) {

    public static HeaderSummary scan(InputStream in) throws IOException {
        int received = 0;
        boolean messageId = false;
        boolean date = false;
        byte[] start = new byte[16];
        int startLength = 0;
        boolean atLineStart = true;
        int b;
        while ((b = in.read()) >= 0) {
            if (atLineStart) {
                if (b == '\r' || b == '\n') break; // the empty line that ends the header section
                // A folded line (RFC 5322 2.2.3) continues the previous field and names none.
                startLength = (b == ' ' || b == '\t') ? start.length : 0;
                atLineStart = false;
            }
            if (b == '\n') {
                atLineStart = true;
                continue;
            }
            if (startLength < start.length) {
                start[startLength++] = (byte) b;
                if (b == ':') {
                    String name = new String(start, 0, startLength - 1, java.nio.charset.StandardCharsets.US_ASCII).strip();
                    if (name.equalsIgnoreCase("Received")) received++;
                    else if (name.equalsIgnoreCase("Message-ID")) messageId = true;
                    else if (name.equalsIgnoreCase("Date")) date = true;
                    startLength = start.length; // the rest of the line is the field body
                }
            }
        }
        return new HeaderSummary(received, messageId, date);
    }
}
