package org.postroom.pop3.client;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Undoes RFC 1939 3 byte-stuffing of a multi-line response as it streams past, and finds its end. Lines end only at
 * CRLF: a bare LF is message content (GreenMail sends stored bare LFs as is, so {@code "\n.\r\n"} is not the end),
 * and only CRLF "." CRLF ends the response. Lines may be of any length.
 */
final class DotUnstuffer {
    private enum State { LINE_START, DOT, DOT_CR, MIDDLE, CR, DONE }

    private final OutputStream out;
    private State state = State.LINE_START;
    private long written;

    DotUnstuffer(OutputStream out) {
        this.out = out;
    }

    /** Feeds {@code length} bytes; returns how many were consumed (fewer than given only when the end was found). */
    int feed(byte[] bytes, int offset, int length) throws IOException {
        int runStart = -1;
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            switch (state) {
                case LINE_START -> {
                    if (b == '.') {
                        if (runStart >= 0) flush(bytes, runStart, i);
                        runStart = -1;
                        state = State.DOT;
                    } else {
                        if (runStart < 0) runStart = i;
                        state = b == '\r' ? State.CR : State.MIDDLE;
                    }
                }
                case DOT -> {
                    if (b == '\r') {
                        state = State.DOT_CR;
                    } else { // a stuffed dot: drop it, keep the rest of the line
                        runStart = i;
                        state = State.MIDDLE;
                    }
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        state = State.DONE;
                        return i - offset + 1;
                    }
                    // "." CR then something else: content ".\r" with its stuffed dot removed
                    out.write('\r');
                    written++;
                    runStart = i;
                    state = b == '\r' ? State.CR : State.MIDDLE;
                }
                case MIDDLE -> {
                    if (runStart < 0) runStart = i;
                    if (b == '\r') state = State.CR;
                }
                case CR -> {
                    if (runStart < 0) runStart = i;
                    state = b == '\n' ? State.LINE_START : b == '\r' ? State.CR : State.MIDDLE;
                }
                case DONE -> throw new IllegalStateException("already at the end");
            }
        }
        if (runStart >= 0) flush(bytes, runStart, offset + length);
        return length;
    }

    private void flush(byte[] bytes, int from, int to) throws IOException {
        out.write(bytes, from, to - from);
        written += to - from;
    }

    boolean done() {
        return state == State.DONE;
    }

    long written() {
        return written;
    }
}
