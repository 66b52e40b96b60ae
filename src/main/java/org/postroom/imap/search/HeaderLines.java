package org.postroom.imap.search;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A message's header fields for SEARCH, unfolded, as octet strings (decoded later by {@code EncodedWords}). Reads
 * only the header, and at most {@link #MAX_OCTETS} of it: header keys on a folder of 100,000 messages stay cheap.
 */
final class HeaderLines {
    static final int MAX_OCTETS = 256 * 1024;

    record Field(String name, String value) {}

    private HeaderLines() {}

    static List<Field> read(InputStream in) throws IOException {
        List<Field> fields = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        String name = null;
        StringBuilder value = null;
        byte[] buffer = new byte[8192];
        int total = 0;
        boolean atLineStart = true;
        outer:
        while (total < MAX_OCTETS) {
            int n = in.read(buffer, 0, Math.min(buffer.length, MAX_OCTETS - total));
            if (n < 0) break;
            total += n;
            for (int i = 0; i < n; i++) {
                char c = (char) (buffer[i] & 0xff);
                if (c != '\n') {
                    line.append(c);
                    continue;
                }
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') line.setLength(length - 1);
                if (line.isEmpty()) break outer; // the end of the header
                char first = line.charAt(0);
                if ((first == ' ' || first == '\t') && value != null) {
                    value.append(line); // RFC 5322 2.2.3 unfolding: the line end goes, the blank stays
                } else {
                    if (name != null) fields.add(new Field(name, value.toString().strip()));
                    int colon = line.indexOf(":");
                    name = colon > 0 ? line.substring(0, colon).strip() : null;
                    value = colon > 0 ? new StringBuilder(line.substring(colon + 1)) : null;
                }
                line.setLength(0);
            }
        }
        if (name != null) fields.add(new Field(name, value.toString().strip()));
        return fields;
    }
}
