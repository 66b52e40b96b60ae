package org.postroom.imap.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * HEADER.FIELDS and HEADER.FIELDS.NOT (RFC 3501 6.4.5): the fields of a header section whose names are (or are not)
 * in the list, each with its continuation lines, exactly as stored, in the message's order, and the empty line that
 * ends a header. Reads only the header's octets.
 */
final class HeaderFilter {
    /** A header line longer than this (a sender's trick, not mail) is cut: what is held stays bounded. */
    static final int MAX_LINE = 64 * 1024;
    /** The most octets of fields one answer holds (a header of a million Subject lines is no mail). */
    static final int MAX_OUTPUT = 1024 * 1024;

    private HeaderFilter() {}

    static byte[] filter(InputStream header, long length, List<String> names, boolean not) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean keeping = false;
        long left = length;
        byte[] buffer = new byte[8192];
        while (left > 0) {
            int n = header.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) break;
            left -= n;
            for (int i = 0; i < n; i++) {
                if (line.size() < MAX_LINE || buffer[i] == '\n') line.write(buffer[i]); // a longer line is cut
                if (buffer[i] == '\n') {
                    keeping = line(line, keeping, names, not, out);
                    line.reset();
                }
            }
        }
        if (line.size() > 0) line(line, keeping, names, not, out);
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /** Handles one line (with its line end); returns whether the current field is kept. */
    private static boolean line(ByteArrayOutputStream line, boolean keeping, List<String> names, boolean not, ByteArrayOutputStream out) {
        byte[] bytes = line.toByteArray();
        if (bytes.length == 0 || bytes[0] == '\r' || bytes[0] == '\n') return false; // the empty line: written at the end
        boolean continuation = bytes[0] == ' ' || bytes[0] == '\t';
        boolean keep = continuation ? keeping : named(bytes, names) != not && out.size() < MAX_OUTPUT;
        if (keep) {
            out.writeBytes(bytes);
            if (bytes[bytes.length - 1] != '\n') out.writeBytes(new byte[] {'\r', '\n'}); // the header was cut off
        }
        return keep;
    }

    private static boolean named(byte[] line, List<String> names) {
        int colon = -1;
        for (int i = 0; i < line.length && i < 1000; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) return false;
        String name = new String(line, 0, colon, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        for (String wanted : names) {
            if (wanted.equalsIgnoreCase(name)) return true;
        }
        return false;
    }
}
