package org.postroom.smtp.client;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Message content on its way into DATA: RFC 5321 4.5.2 transparency (a line that starts with a dot gets another
 * one), otherwise the bytes unchanged, so DKIM signatures survive. A dot after a bare LF is stuffed as well: a
 * receiver that takes LF alone as a line end would otherwise see the end of the data early (SMTP smuggling).
 * {@link #finish} ends the data with {@code CRLF.CRLF}, adding the CRLF the content lacks, if any (4.1.1.4).
 */
final class DotStuffing extends FilterOutputStream {
    private boolean atLineStart = true;
    private int last1 = -1;
    private int last2 = -1;

    DotStuffing(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (atLineStart && b == '.') out.write('.');
        out.write(b);
        see(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (atLineStart && b == '.') {
                out.write(bytes, start, i - start);
                out.write('.');
                start = i;
            }
            see(b);
        }
        out.write(bytes, start, end - start);
    }

    private void see(int b) {
        atLineStart = b == '\n';
        last2 = last1;
        last1 = b & 0xFF;
    }

    /** Writes the end of data: {@code .CRLF}, after a CRLF if the content did not end with one. */
    void finish() throws IOException {
        if (!(last2 == '\r' && last1 == '\n') && last1 != -1) out.write(new byte[] {'\r', '\n'});
        out.write(new byte[] {'.', '\r', '\n'});
        out.flush();
    }
}
