package org.postroom.imap.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * RFC 2045 6.7 quoted-printable decoding, as a stream: {@code =XX} is an octet, {@code =} at a line end is a soft line
 * break, anything else (a lone {@code =}, a bad hex pair) stays as written, as 6.7's note on robustness suggests.
 */
final class QuotedPrintable extends InputStream {
    private final PushbackInputStream in;

    QuotedPrintable(InputStream in) {
        this.in = new PushbackInputStream(in, 3);
    }

    @Override
    public int read() throws IOException {
        while (true) {
            int c = in.read();
            if (c != '=') return c;
            int a = in.read();
            if (a == '\n') continue; // soft line break
            if (a == '\r') {
                int b = in.read();
                if (b == '\n') continue; // soft line break
                if (b >= 0) in.unread(b);
                in.unread(a);
                return '=';
            }
            if (a < 0) return '=';
            int b = in.read();
            int value = b < 0 ? -1 : hex(a) << 4 | hex(b);
            if (b >= 0 && hex(a) >= 0 && hex(b) >= 0) return value;
            if (b >= 0) in.unread(b);
            in.unread(a);
            return '=';
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int c = read();
            if (c < 0) return n == 0 ? -1 : n;
            b[off + n++] = (byte) c;
            if (in.available() == 0 && n > 0) break;
        }
        return n;
    }

    /** The octet written as two hex digits at {@code i} of {@code s}, or -1. */
    static int hexPair(String s, int i) {
        if (i + 1 >= s.length()) return -1;
        int high = hex(s.charAt(i));
        int low = hex(s.charAt(i + 1));
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    }
}
