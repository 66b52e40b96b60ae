package org.postroom.imap.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * A message read line by line with the octet offset of every line, for {@link MimeParser}: a line ends at LF (a CR
 * before it is part of the line end). Only the first {@link #KEPT} octets of a line are kept, enough for any header
 * field line a client needs and for every boundary (RFC 2046 5.1.1: at most 70 characters); the rest of a longer line
 * is counted, not held, so a 50 MB base64 blob with no line end costs one buffer.
 *
 * <p>At the end of the input {@link #next} returns false and the "current line" is an empty one at the end offset, so
 * that a part ending there is measured like one ending at a boundary line.
 */
final class LineSource {
    /** Octets of a line kept for the parser. */
    static final int KEPT = 8192;

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private boolean eof;

    /** Grows up to {@link #KEPT} as long lines come: most lines are short, and a parse per message must be cheap. */
    private byte[] line = new byte[256];
    private int length;
    private long lineStart;
    private int terminator;
    private int previousTerminator;
    private long lineEndsBefore;
    private long offset;
    private long lineEnds;
    private boolean pushedBack;
    private boolean current;

    LineSource(InputStream in) {
        this.in = in;
    }

    /** Moves to the next line; false at the end of the input. A line pushed back is returned again first. */
    boolean next() throws IOException {
        if (pushedBack) {
            pushedBack = false;
            return current;
        }
        if (!current && eof) return false; // the end was reached and reported: keep its state
        previousTerminator = terminator;
        lineStart = offset;
        lineEndsBefore = lineEnds;
        length = 0;
        terminator = 0;
        byte last = 0;
        boolean any = false;
        while (position < limit || fill()) {
            any = true;
            int i = position;
            while (i < limit && buffer[i] != '\n') i++;
            int chunk = i - position;
            keep(position, chunk);
            if (chunk > 0) last = buffer[i - 1];
            offset += chunk;
            position = i;
            if (i < limit) { // a LF: the line ends
                position++;
                offset++;
                lineEnds++;
                terminator = 1;
                if (offset - lineStart >= 2 && last == '\r') {
                    terminator = 2;
                    if (length == offset - lineStart - 1) length--; // the CR was kept: it is no part of the line
                }
                break;
            }
        }
        current = any;
        if (!any) length = 0;
        return any;
    }

    /** Makes the current line the one {@link #next} returns next (once). */
    void pushBack() {
        pushedBack = true;
    }

    /** The octets kept of the current line, without its line end. */
    byte[] bytes() {
        return line;
    }

    /** How many octets of {@link #bytes} are the line (at most {@link #KEPT}). */
    int length() {
        return length;
    }

    boolean isEmpty() {
        return length == 0;
    }

    /** The offset of the current line's first octet (the end of the input after {@link #next} returned false). */
    long lineStart() {
        return lineStart;
    }

    /** 2 for CRLF, 1 for a bare LF, 0 for a last line with no line end. */
    int terminator() {
        return terminator;
    }

    /** The line end of the line before the current one: it belongs to a boundary delimiter (RFC 2046 5.1.1). */
    int previousTerminator() {
        return previousTerminator;
    }

    /** LFs before the current line. */
    long lineEndsBefore() {
        return lineEndsBefore;
    }

    /** The offset just after the current line (its line end included); where the next line starts. */
    long lineEnd() {
        return offset; // one line at most is pushed back, so nothing past the current line was read
    }

    /** Where the next line {@link #next} returns starts. */
    long nextLineStart() {
        return pushedBack ? lineStart : offset;
    }

    /** LFs before the line {@link #next} returns next. */
    long lineEndsBeforeNext() {
        return pushedBack ? lineEndsBefore : lineEnds;
    }

    /** Whether the input has ended (and {@link #next} said so). */
    boolean atEnd() {
        return !current && eof && !pushedBack;
    }

    /** LFs up to and including the current line's. */
    long lineEndsThrough() {
        return lineEndsBefore + (terminator > 0 ? 1 : 0);
    }

    private void keep(int from, int count) {
        int n = Math.min(KEPT - length, count);
        if (length + n > line.length) line = java.util.Arrays.copyOf(line, Math.min(KEPT, Math.max(length + n, line.length * 2)));
        if (n > 0) {
            System.arraycopy(buffer, from, line, length, n);
            length += n;
        }
    }

    private boolean fill() throws IOException {
        if (eof) return false;
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
