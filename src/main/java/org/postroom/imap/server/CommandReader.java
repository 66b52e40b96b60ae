package org.postroom.imap.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.LiteralSource;
import org.postroom.imap.ResponseCode;
import org.postroom.net.LineInput;
import org.postroom.net.SessionConnection;

/**
 * A command's literals and continuation lines, read from the connection with the limits (RFC 3501 4.3, RFC 7888,
 * RFC 7162 4):
 * <ul>
 *   <li>the command's text outside literals: {@link #MAX_COMMAND_TEXT} octets over all its lines;</li>
 *   <li>literals held in memory (strings): {@link #MAX_LITERALS} octets per command;</li>
 *   <li>a streamed literal (APPEND's message): the caller's limit.</li>
 * </ul>
 * A synchronizing literal over its limit is refused before the {@code +} (the client sends nothing); a
 * non-synchronizing one is already on its way, so the session answers BAD and closes (RFC 7888 4).
 * A literal is bulk data: it keeps to the minimum rate, not the idle timeout.
 */
final class CommandReader implements LiteralSource {
    /** RFC 7162 4 asks for at least 8192; clients send long UID sets. */
    static final int MAX_COMMAND_TEXT = 64 * 1024;
    static final long MAX_LITERALS = 64 * 1024;

    private final SessionConnection connection;
    private final ImapSession session;
    private int textLeft;
    private long literalsLeft;
    private Bounded open;

    CommandReader(SessionConnection connection, ImapSession session) {
        this.connection = connection;
        this.session = session;
    }

    /** A new command whose first line had {@code firstLine} octets. */
    void begin(int firstLine) {
        textLeft = MAX_COMMAND_TEXT - firstLine;
        literalsLeft = MAX_LITERALS;
        open = null;
    }

    @Override
    public byte[] literal(long size, boolean nonSynchronizing) throws IOException, ImapSyntaxException {
        if (size > literalsLeft) throw tooBig(nonSynchronizing, "Literal too big");
        literalsLeft -= size;
        goAhead(nonSynchronizing);
        byte[] bytes = new byte[(int) size];
        int done = 0;
        while (done < bytes.length) {
            int n = connection.in().read(bytes, done, bytes.length - done);
            if (n < 0) throw new EOFException("the client hung up inside a literal");
            done += n;
        }
        return bytes;
    }

    @Override
    public InputStream stream(long size, boolean nonSynchronizing, long limit) throws IOException, ImapSyntaxException {
        if (size > limit) throw tooBig(nonSynchronizing, "Message too big (the limit is " + limit + " octets)");
        goAhead(nonSynchronizing);
        open = new Bounded(connection.in(), size);
        return open;
    }

    @Override
    public byte[] nextLine() throws IOException, ImapSyntaxException {
        if (open != null) {
            open.skipRest();
            open = null;
        }
        connection.expectLine();
        LineInput.Line line = connection.in().readLine(Math.max(textLeft, 2));
        if (line == null) throw new EOFException("the client hung up inside a command");
        if (line.overflow()) throw new ImapSyntaxException.Fatal(ResponseCode.TOOBIG, "Command too long");
        textLeft -= line.bytes().length;
        return stripLineEnd(line.bytes());
    }

    /**
     * After a syntax error: the rest of the command is skipped, so that its literals are not taken for commands.
     * {@code rest} is what was left of the current line. Only non-synchronizing literals need skipping: the client
     * waits for a {@code +} before a synchronizing one, and gets the BAD instead.
     */
    void skipRest(byte[] rest) throws IOException, ImapSyntaxException {
        long skipLeft = session.settings.appendLimit();
        for (int i = 0; i < 1000 && rest != null; i++) {
            long size = nonSynchronizingLiteralAtEnd(rest);
            if (size < 0) return;
            if (size > skipLeft) throw new ImapSyntaxException.Fatal(ResponseCode.TOOBIG, "Literal too big");
            skipLeft -= size;
            connection.expectBulk();
            new Bounded(connection.in(), size).skipRest();
            rest = nextLine();
        }
    }

    /** The size of a {@code {n+}} ending the line, or -1. */
    static long nonSynchronizingLiteralAtEnd(byte[] line) {
        int n = line.length;
        if (n < 4 || line[n - 1] != '}' || line[n - 2] != '+') return -1;
        int i = n - 3;
        long size = 0;
        long scale = 1;
        while (i >= 0 && line[i] >= '0' && line[i] <= '9' && scale <= 1_000_000_000_000_000L) {
            size += (line[i] - '0') * scale;
            scale *= 10;
            i--;
        }
        return i >= 0 && i < n - 3 && line[i] == '{' ? size : -1;
    }

    static byte[] stripLineEnd(byte[] bytes) {
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\n') n--;
        if (n > 0 && bytes[n - 1] == '\r') n--;
        return n == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, n);
    }

    private void goAhead(boolean nonSynchronizing) throws IOException {
        if (!nonSynchronizing) {
            session.out().continuation("Ready for literal data");
            connection.out().flush();
        }
        connection.expectBulk();
    }

    private static ImapSyntaxException tooBig(boolean nonSynchronizing, String text) {
        return nonSynchronizing ? new ImapSyntaxException.Fatal(ResponseCode.TOOBIG, text) : new ImapSyntaxException(ResponseCode.TOOBIG, text);
    }

    /** Exactly {@code size} octets of the connection's input. */
    private static final class Bounded extends InputStream {
        private final LineInput in;
        private long left;

        Bounded(LineInput in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (left == 0) return -1;
            if (length == 0) return 0;
            int n = in.read(into, offset, (int) Math.min(length, left));
            if (n < 0) throw new EOFException("the client hung up inside a literal");
            left -= n;
            return n;
        }

        void skipRest() throws IOException {
            byte[] skip = new byte[8192];
            while (left > 0) read(skip, 0, skip.length);
        }

        @Override
        public void close() throws IOException {
            skipRest();
        }
    }
}
