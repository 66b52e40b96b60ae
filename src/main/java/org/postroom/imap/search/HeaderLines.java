package org.postroom.imap.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.postroom.imap.fetch.HeaderBytes;

/**
 * A message's header section for SEARCH, kept as its octets (at most {@link HeaderBytes#MAX}): a header key looks
 * for lines that start with its field's name and builds only those values, unfolded, as octet strings (decoded later
 * by {@code EncodedWords}). Header keys over a folder of 100,000 messages read one short block per message.
 */
final class HeaderLines {
    record Field(String name, String value) {}

    private final byte[] octets;

    private HeaderLines(byte[] octets) {
        this.octets = octets;
    }

    static HeaderLines read(InputStream in) throws IOException {
        return new HeaderLines(HeaderBytes.read(in, true));
    }

    /** The values of the fields named {@code name} (any case), in order. */
    List<String> values(String name) {
        List<String> values = new ArrayList<>(1);
        byte[] wanted = name.getBytes(StandardCharsets.ISO_8859_1);
        int i = 0;
        while (i < octets.length) {
            int end = lineEnd(i);
            if (end == i || octets[i] == '\r' && end == i + 1) break; // the empty line
            int colon = nameEnd(i, end, wanted);
            if (colon >= 0) values.add(value(colon + 1));
            i = next(end);
        }
        return values;
    }

    /** Every field, for TEXT. */
    List<Field> all() {
        List<Field> fields = new ArrayList<>();
        int i = 0;
        while (i < octets.length) {
            int end = lineEnd(i);
            if (end == i || octets[i] == '\r' && end == i + 1) break;
            if (octets[i] != ' ' && octets[i] != '\t') {
                int colon = -1;
                for (int j = i; j < end; j++) {
                    if (octets[j] == ':') {
                        colon = j;
                        break;
                    }
                }
                if (colon > i) fields.add(new Field(new String(octets, i, colon - i, StandardCharsets.ISO_8859_1).strip(), value(colon + 1)));
            }
            i = next(end);
        }
        return fields;
    }

    /** The colon's index when the line at {@code start} is the field {@code wanted} (blanks allowed before the colon), else -1. */
    private int nameEnd(int start, int end, byte[] wanted) {
        if (end - start <= wanted.length) return -1;
        for (int k = 0; k < wanted.length; k++) {
            int a = octets[start + k];
            int b = wanted[k];
            if (a != b && (a | 0x20) != (b | 0x20)) return -1;
            if (a != b && !Character.isLetter(a)) return -1;
        }
        int j = start + wanted.length;
        while (j < end && (octets[j] == ' ' || octets[j] == '\t')) j++;
        return j < end && octets[j] == ':' ? j : -1;
    }

    /** The value from {@code from} to the end of the field (its continuation lines joined, line ends removed), stripped. */
    private String value(int from) {
        StringBuilder value = new StringBuilder();
        int i = from;
        while (true) {
            int end = lineEnd(i);
            int stop = end > i && octets[end - 1] == '\r' ? end - 1 : end;
            for (int j = i; j < stop; j++) value.append((char) (octets[j] & 0xff));
            i = next(end);
            if (i >= octets.length || octets[i] != ' ' && octets[i] != '\t') break; // RFC 5322 2.2.3: the blank stays
        }
        return value.toString().strip();
    }

    /** The index of the LF ending the line at {@code i} (or the end). */
    private int lineEnd(int i) {
        while (i < octets.length && octets[i] != '\n') i++;
        return i;
    }

    private int next(int lineEnd) {
        return Math.min(octets.length, lineEnd + 1);
    }
}
