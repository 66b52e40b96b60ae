package org.postroom.message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a message's header section (RFC 5322 2.2) one field at a time: the one parser of header fields, for intake
 * (loop detection and submission headers, {@link HeaderSummary}) and the collector (who a message is for). A field's
 * name is always read; its value only when {@link #value()} asks for it, so a reader that looks at names (intake, on
 * every message) does not build strings for the values it skips.
 *
 * <p>The rules, the same for every reader: a line ends at LF, and a CR just before the LF is dropped. The section
 * ends at the first empty line, at the end of the input, or after {@code maxBytes}. A line that starts with a space
 * or a tab continues the field before it (folding, RFC 5322 2.2.3: the value is unfolded, each continuation joined by
 * one space) and names no field; with no field before it, it is skipped. A line with no {@code :} in its first
 * {@link #MAX_NAME} octets, or with nothing but white space before the {@code :}, is not a field and is skipped. Names
 * and values are decoded as UTF-8 and stripped of white space around them.
 *
 * <p>SECURITY: the input is anything a client sent. The scanner never throws on content (only on I/O), reads at most
 * {@code maxBytes} (in blocks: it may read past the end of the header section, so give it a stream of its own), and
 * holds at most a name of {@link #MAX_NAME} octets unless a value is asked for; a value is as long as the input
 * allows, so a reader that asks for every value sets {@code maxBytes}, and one that does not uses
 * {@link #value(int)}.
 */
public final class HeaderScanner {
    /** The longest field name looked for: RFC 5322 2.1.1's line limit. */
    public static final int MAX_NAME = 998;
    private static final int NONE = -2;

    private final InputStream in;
    /** Read in blocks, not octet by octet: intake scans every message, and a buffered stream's read() takes a lock. */
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private long remaining;
    private int pushedBack = NONE;
    private boolean ended;
    private final byte[] nameBytes = new byte[MAX_NAME];
    private byte[] lineBytes = new byte[256];
    private String name;
    /** Whether the current field's value (the rest of its line and its continuation lines) is still unread. */
    private boolean valuePending;
    private String value;

    /** @param maxBytes how much of {@code in} the scanner may read; the header section ends there at the latest */
    public HeaderScanner(InputStream in, long maxBytes) {
        this.in = in;
        this.remaining = maxBytes;
    }

    /** Moves to the next field; false at the end of the header section. */
    public boolean next() throws IOException {
        if (valuePending) skipValue();
        name = null;
        value = null;
        while (!ended) {
            int b = read();
            if (b < 0 || b == '\n') break; // the input ends, or the empty line that ends the header section
            if (b == '\r') {
                int after = read();
                if (after < 0 || after == '\n') break; // an empty line ending in CRLF
                pushedBack = after; // a CR inside the line: it is part of it
            }
            if (b == ' ' || b == '\t') { // a continuation with no field before it
                skipLine();
                continue;
            }
            if (readName(b)) {
                valuePending = true;
                return true;
            }
        }
        ended = true;
        return false;
    }

    /** The current field's name, as written (compare ignoring case). */
    public String name() {
        if (name == null) throw new IllegalStateException("no current field");
        return name;
    }

    /** The current field's value, unfolded: read now if it was not read yet. */
    public String value() throws IOException {
        return value(Integer.MAX_VALUE);
    }

    /**
     * The current field's value, unfolded, cut after {@code maxLength} characters: the rest is skipped, never held (for
     * a value that only goes into a log line, from a header section of any size). The first call reads the value; a
     * later one returns what it kept.
     */
    public String value(int maxLength) throws IOException {
        if (name == null) throw new IllegalStateException("no current field");
        if (!valuePending) return value;
        valuePending = false;
        // A character takes at most four octets in UTF-8; what is read of a line is bounded by that.
        int maxBytes = maxLength >= Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : maxLength * 4;
        StringBuilder unfolded = new StringBuilder(readLine(maxBytes));
        while (continues()) {
            String continuation = readLine(unfolded.length() < maxLength ? maxBytes : 0).strip();
            if (unfolded.length() < maxLength) unfolded.append(' ').append(continuation);
        }
        String whole = unfolded.toString().strip();
        value = whole.length() > maxLength ? whole.substring(0, maxLength) : whole;
        return value;
    }

    /** Reads the name up to the colon, starting with {@code first}; false (and the line skipped) if this line is no field. */
    private boolean readName(int first) throws IOException {
        int length = 0;
        int b = first;
        while (true) {
            if (b < 0) return false;
            if (b == '\n') return false; // no colon: not a field
            if (b == ':') break;
            if (length == MAX_NAME) {
                skipLine();
                return false;
            }
            nameBytes[length++] = (byte) b;
            b = read();
        }
        String stripped = new String(nameBytes, 0, length, StandardCharsets.UTF_8).strip();
        if (stripped.isEmpty()) {
            skipLine();
            return false;
        }
        name = stripped;
        return true;
    }

    /** Whether the next line continues the current field (starts with a space or a tab); its first octet is kept. */
    private boolean continues() throws IOException {
        int b = read();
        if (b < 0) return false;
        pushedBack = b;
        return b == ' ' || b == '\t';
    }

    private void skipValue() throws IOException {
        valuePending = false;
        skipLine();
        while (continues()) skipLine();
    }

    /** Skips to the end of the line (past its LF). */
    private void skipLine() throws IOException {
        int b;
        do {
            b = read();
        } while (b >= 0 && b != '\n');
    }

    /** The rest of the line, without its line end, decoded: its first {@code maxBytes} octets; the others are skipped. */
    private String readLine(int maxBytes) throws IOException {
        int length = 0;
        boolean cut = false;
        int b;
        while ((b = read()) >= 0 && b != '\n') {
            if (length == maxBytes) {
                cut = true;
                continue;
            }
            if (length == lineBytes.length) lineBytes = Arrays.copyOf(lineBytes, length * 2);
            lineBytes[length++] = (byte) b;
        }
        if (!cut && length > 0 && lineBytes[length - 1] == '\r') length--;
        return new String(lineBytes, 0, length, StandardCharsets.UTF_8);
    }

    private int read() throws IOException {
        if (pushedBack != NONE) {
            int b = pushedBack;
            pushedBack = NONE;
            return b;
        }
        if (position == limit) {
            if (remaining <= 0) return -1;
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n <= 0) {
                remaining = 0;
                return -1;
            }
            remaining -= n;
            position = 0;
            limit = n;
        }
        return buffer[position++] & 0xff;
    }
}
