package org.postroom.pop3.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Sends a stored message as the body of a multi-line response (RETR, TOP), streaming it from disk through a
 * fixed buffer: a message of any size costs the same memory.
 *
 * <p>RFC 1939 3: a line that starts with the termination octet (".") gets another one in front, and the response
 * ends with CRLF.CRLF. The octet count announced before (the file size) is that of the message before this
 * stuffing. Stored messages end in CRLF; one that does not (written by another program) gets a CRLF added so the
 * terminating dot stands on its own line. A dot after a bare LF is stuffed too, so that a client that splits
 * lines on LF alone cannot be made to see the end of the message early.
 */
final class MessageSender {
    private static final byte[] TERMINATOR = {'.', '\r', '\n'};
    private static final byte[] CRLF_TERMINATOR = {'\r', '\n', '.', '\r', '\n'};

    private final byte[] buffer;

    MessageSender(int bufferSize) {
        this.buffer = new byte[bufferSize];
    }

    /** RETR: the whole message. */
    void sendAll(InputStream in, OutputStream out) throws IOException {
        send(in, out, -1);
    }

    /** TOP: the header, the empty line after it, and the first {@code bodyLines} lines of the body (RFC 1939 7). */
    void sendTop(InputStream in, OutputStream out, int bodyLines) throws IOException {
        send(in, out, bodyLines);
    }

    /** {@code bodyLines} < 0: everything. */
    private void send(InputStream in, OutputStream out, int bodyLines) throws IOException {
        boolean lineStart = true;
        boolean inHeader = true;
        int lineLength = 0; // octets of the current line so far, line end excluded
        long linesLeft = bodyLines;
        byte last = 0;
        byte beforeLast = 0;
        boolean any = false;
        boolean done = false;
        int n;
        while (!done && (n = in.read(buffer)) > 0) {
            int from = 0;
            int end = n;
            if (bodyLines >= 0) {
                // TOP: find where to stop in this chunk.
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        boolean empty = lineLength == 0 || (lineLength == 1 && (i > 0 ? buffer[i - 1] : last) == '\r');
                        if (inHeader) {
                            if (empty) {
                                inHeader = false;
                                if (linesLeft == 0) {
                                    end = i + 1;
                                    done = true;
                                    break;
                                }
                            }
                        } else if (--linesLeft == 0) {
                            end = i + 1;
                            done = true;
                            break;
                        }
                        lineLength = 0;
                    } else {
                        lineLength++;
                    }
                }
            }
            for (int i = 0; i < end; i++) {
                if (lineStart && buffer[i] == '.') {
                    out.write(buffer, from, i - from);
                    out.write('.'); // RFC 1939 3: byte-stuff; the original dot follows in the next write
                    from = i;
                }
                lineStart = buffer[i] == '\n';
            }
            out.write(buffer, from, end - from);
            if (end > 0) {
                any = true;
                beforeLast = end > 1 ? buffer[end - 2] : last;
                last = buffer[end - 1];
            }
        }
        boolean endsWithCrLf = any && last == '\n' && beforeLast == '\r';
        out.write(endsWithCrLf || !any ? TERMINATOR : CRLF_TERMINATOR);
    }
}
