package org.postroom.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A buffered reader of CRLF-delimited protocol lines with a hard length limit, shared by every protocol. It
 * owns its buffer so a session can tell whether the client has pipelined more input (and so whether to flush
 * its replies), and so STARTTLS can throw away whatever arrived before the handshake (CVE-2011-0411).
 *
 * <p>SECURITY: the bytes are the client's; a line longer than the limit is consumed up to its LF and
 * reported, never kept, so a client cannot make Postroom buffer more than the limit.
 */
public final class LineInput {
    private final byte[] buffer;
    private InputStream source;
    private int start;
    private int end;

    public LineInput(InputStream source, int bufferSize) {
        this.source = source;
        this.buffer = new byte[bufferSize];
    }

    /**
     * One line as read: the bytes include its line ending; {@code overflow} when the line was cut at the limit.
     * {@code endsWithCrLf} tells how the whole line ended, also when its end was cut off with the overflow.
     */
    public record Line(byte[] bytes, boolean overflow, boolean endsWithCrLf) {}

    /** Switches to another stream (the TLS one), dropping anything still buffered from the old one. */
    public void replaceSource(InputStream newSource) {
        this.source = newSource;
        discardBuffered();
    }

    public boolean hasBufferedInput() {
        return end > start;
    }

    public void discardBuffered() {
        start = end = 0;
    }

    /**
     * Reads one line up to and including LF. A line over {@code maxLength} octets comes back with
     * {@code overflow} set and only its first {@code maxLength} octets; the rest of it is skipped.
     * Returns null at end of stream (a partial last line without LF is dropped: the client hung up mid-line).
     */
    public Line readLine(int maxLength) throws IOException {
        byte[] kept = null;
        int keptLength = 0;
        boolean overflow = false;
        byte last = 0; // the octet before this chunk, to tell a CR that came in the previous read
        while (true) {
            if (start == end && !fill()) return null;
            int lf = indexOfLf();
            int stop = lf >= 0 ? lf + 1 : end;
            int take = Math.min(stop - start, maxLength - keptLength);
            if (take > 0) {
                if (kept == null) kept = new byte[Math.min(maxLength, Math.max(take, 128))];
                if (keptLength + take > kept.length) kept = Arrays.copyOf(kept, Math.min(maxLength, Math.max(kept.length * 2, keptLength + take)));
                System.arraycopy(buffer, start, kept, keptLength, take);
                keptLength += take;
            }
            if (stop - start > take) overflow = true;
            if (lf >= 0) {
                boolean crlf = (lf > start ? buffer[lf - 1] : last) == '\r';
                start = stop;
                return new Line(kept == null ? new byte[0] : Arrays.copyOf(kept, keptLength), overflow, crlf);
            }
            last = buffer[end - 1];
            start = stop;
        }
    }

    /** Reads up to {@code length} raw octets (for BDAT chunks); -1 at end of stream. */
    public int read(byte[] into, int offset, int length) throws IOException {
        if (start == end && !fill()) return -1;
        int n = Math.min(length, end - start);
        System.arraycopy(buffer, start, into, offset, n);
        start += n;
        return n;
    }

    private int indexOfLf() {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') return i;
        }
        return -1;
    }

    private boolean fill() throws IOException {
        start = end = 0;
        int n = source.read(buffer, 0, buffer.length);
        if (n <= 0) return false;
        end = n;
        return true;
    }
}
