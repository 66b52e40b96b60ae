package org.postroom.imap.fetch;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads ranges of one message for one FETCH response, keeping the file open between them: ranges asked in ascending
 * order (the usual case) cost one open; a range behind the position reopens the message.
 */
public final class MessageReader implements AutoCloseable {
    private final MessageSource source;
    private InputStream in;
    private long position;

    public MessageReader(MessageSource source) {
        this.source = source;
    }

    /** Opens the message now (so that EXPUNGEISSUED comes before any response is written). */
    public void open() throws IOException {
        if (in == null) {
            in = source.open();
            position = 0;
        }
    }

    /** A stream positioned at {@code offset}, counting what is read from it. */
    public InputStream at(long offset) throws IOException {
        if (in == null || position > offset) {
            close();
            open();
        }
        while (position < offset) {
            long skipped = in.skip(offset - position);
            if (skipped <= 0) {
                if (in.read() < 0) break; // the file is shorter than its structure says: reads will end early
                skipped = 1;
            }
            position += skipped;
        }
        return counting;
    }

    private final InputStream counting = new InputStream() {
        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) position++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) position += n;
            return n;
        }
    };

    @Override
    public void close() throws IOException {
        if (in != null) {
            InputStream open = in;
            in = null;
            open.close();
        }
    }
}
