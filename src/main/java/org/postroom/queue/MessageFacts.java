package org.postroom.queue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What the queue learns about a message while writing it, for the envelope: its size, whether it has 8-bit
 * octets anywhere (BODY=8BITMIME, RFC 6152), and whether its header section has any (UTF-8 header fields, which
 * need SMTPUTF8, RFC 6532 and RFC 6531 3.4).
 */
public record MessageFacts(long size, boolean eightBit, boolean utf8Headers) {

    /** Passes bytes through unchanged and watches them. */
    static final class Scanner extends FilterOutputStream {
        private long size;
        private boolean eightBit;
        private boolean utf8Headers;
        private boolean inHeader = true;
        private int lineLength;

        Scanner(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            see((byte) b);
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) see(bytes[i]);
            out.write(bytes, offset, length);
        }

        private void see(byte b) {
            size++;
            if (b < 0) {
                eightBit = true;
                if (inHeader) utf8Headers = true;
            }
            if (!inHeader) return;
            if (b == '\n') {
                if (lineLength == 0) inHeader = false; // RFC 5322 2.1: the empty line ends the header section
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
        }

        MessageFacts facts() {
            return new MessageFacts(size, eightBit, utf8Headers);
        }
    }
}
