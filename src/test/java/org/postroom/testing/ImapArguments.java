package org.postroom.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.LiteralSource;

/**
 * An {@link ArgumentCursor} over a command's arguments written as one text, literals inline as on the wire
 * ({@code SUBJECT {5}\r\nhello}), for parser unit tests without a connection.
 */
public final class ImapArguments {
    private ImapArguments() {}

    public static ArgumentCursor cursor(String arguments) {
        byte[] all = arguments.getBytes(StandardCharsets.UTF_8);
        Deque<byte[]> pieces = new ArrayDeque<>();
        int start = 0;
        for (int i = 0; i + 1 < all.length; i++) {
            if (all[i] == '\r' && all[i + 1] == '\n') {
                pieces.add(Arrays.copyOfRange(all, start, i));
                String line = new String(all, start, i - start, StandardCharsets.ISO_8859_1);
                int open = line.lastIndexOf('{');
                long size = Long.parseLong(line.substring(open + 1, line.length() - 1).replace("+", ""));
                pieces.add(Arrays.copyOfRange(all, i + 2, (int) (i + 2 + size)));
                start = (int) (i + 2 + size);
                i = start - 1;
            }
        }
        pieces.add(Arrays.copyOfRange(all, start, all.length));
        byte[] first = pieces.poll();
        return new ArgumentCursor(first, new LiteralSource() {
            @Override
            public byte[] literal(long size, boolean nonSynchronizing) throws ImapSyntaxException {
                if (pieces.isEmpty()) throw new ImapSyntaxException("no literal follows");
                return pieces.poll();
            }

            @Override
            public InputStream stream(long size, boolean nonSynchronizing, long limit) throws ImapSyntaxException {
                if (pieces.isEmpty()) throw new ImapSyntaxException("no literal follows");
                return new ByteArrayInputStream(pieces.poll());
            }

            @Override
            public byte[] nextLine() throws ImapSyntaxException {
                if (pieces.isEmpty()) throw new ImapSyntaxException("no more lines");
                return pieces.poll();
            }
        });
    }
}
