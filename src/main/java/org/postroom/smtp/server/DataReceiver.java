package org.postroom.smtp.server;

import java.io.IOException;
import org.postroom.message.SpooledMessage;
import org.postroom.net.LineInput;

/**
 * Receives message content after DATA (dot-stuffed, RFC 5321 4.5.2) or BDAT (counted chunks, RFC 3030). It
 * always reads to the end of what the client sends, even once it has decided to refuse the message, so the
 * session stays in step with the client.
 */
final class DataReceiver {
    /** RFC 5321 4.5.3.1.6: a text line is at most 1000 octets with its CRLF; one more for a stuffed dot. */
    static final int MAX_TEXT_LINE = 1000;

    enum Outcome { COMPLETE, TOO_BIG, LINE_TOO_LONG, BARE_LINE_END, CONNECTION_LOST }

    private DataReceiver() {}

    /**
     * Reads up to the line holding a single dot. Only CRLF.CRLF ends the data: a dot after a bare LF or a bare
     * CR is content (SMTP smuggling, CVE-2023-51766), and such a message is refused when {@code rejectBare}.
     */
    static Outcome readDotStuffed(LineInput in, SpooledMessage out, long maxSize, boolean rejectBare) throws IOException {
        boolean tooBig = false;
        boolean tooLong = false;
        boolean bare = false;
        long size = 0;
        boolean afterCrLf = true; // the data starts right after the CRLF of the DATA command
        while (true) {
            LineInput.Line line = in.readLine(MAX_TEXT_LINE + 1);
            if (line == null) return Outcome.CONNECTION_LOST;
            byte[] b = line.bytes();
            int n = b.length;
            boolean crlf = line.endsWithCrLf();
            // RFC 5321 4.1.1.4: only <CRLF>.<CRLF> ends the data; after a bare LF the dot is content.
            if (afterCrLf && !line.overflow() && crlf && n == 3 && b[0] == '.') break;
            afterCrLf = crlf; // how the whole line ended, also when it was too long and cut
            int skip = n > 0 && b[0] == '.' ? 1 : 0; // RFC 5321 4.5.2: remove the stuffed dot
            if (line.overflow()) tooLong = true;
            if (!crlf || hasBareCr(b, n - 2)) bare = true;
            size += n - skip;
            if (size > maxSize) tooBig = true;
            if (!tooBig && !tooLong && !(bare && rejectBare)) out.write(b, skip, n - skip);
        }
        if (tooBig) return Outcome.TOO_BIG;
        if (tooLong) return Outcome.LINE_TOO_LONG;
        if (bare && rejectBare) return Outcome.BARE_LINE_END;
        return Outcome.COMPLETE;
    }

    /** Reads one BDAT chunk of exactly {@code length} octets; {@code room} is what SIZE still allows. */
    static Outcome readChunk(LineInput in, java.io.OutputStream out, long length, long room) throws IOException {
        byte[] buffer = new byte[(int) Math.min(length, 65536)];
        long left = length;
        boolean keep = length <= room;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) return Outcome.CONNECTION_LOST;
            if (keep) out.write(buffer, 0, n);
            left -= n;
        }
        return keep ? Outcome.COMPLETE : Outcome.TOO_BIG;
    }

    /** A CR anywhere but just before the final LF. */
    private static boolean hasBareCr(byte[] b, int limit) {
        for (int i = 0; i < limit; i++) {
            if (b[i] == '\r' && b[i + 1] != '\n') return true;
        }
        return false;
    }
}
