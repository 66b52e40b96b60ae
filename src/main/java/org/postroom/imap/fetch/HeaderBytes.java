package org.postroom.imap.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A message's header section read into memory (up to {@link #MAX} octets), for the FETCHes that need nothing else
 * (ENVELOPE, HEADER, HEADER.FIELDS: a client's message list): one open, one short read, and every header item
 * answered from it. A longer header is cut here; the renderer then reads what it needs from the file.
 */
public final class HeaderBytes {
    public static final int MAX = 256 * 1024;

    private HeaderBytes() {}

    /** The octets up to and including the empty line that ends the header (all, for a message that is all header); null past {@link #MAX}. */
    static byte[] read(InputStream in) throws IOException {
        return read(in, false);
    }

    /** As {@link #read(InputStream)}, but past {@link #MAX} the first {@code MAX} octets rather than null ({@code cut}). */
    public static byte[] read(InputStream in, boolean cut) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        byte[] chunk = new byte[4096];
        int previous = '\n'; // the octet before the current one, CR skipped: an empty first line ends the header
        while (true) {
            if (out.size() >= MAX) return cut ? out.toByteArray() : null;
            int n = in.read(chunk, 0, Math.min(chunk.length, MAX - out.size()));
            if (n < 0) break;
            for (int i = 0; i < n; i++) {
                int b = chunk[i];
                if (b == '\n' && previous == '\n') {
                    out.write(chunk, 0, i + 1);
                    return out.toByteArray();
                }
                if (b != '\r') previous = b;
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }
}
