package org.postroom.imap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Reads one command's arguments in order, as RFC 3501 9 defines them, over the command's first line and, through a
 * {@link LiteralSource}, its literals and the lines after them. Each method reads one syntactic element or throws
 * {@link ImapSyntaxException} (answered {@code BAD}) naming what was expected; nothing is read past the command.
 * Spaces between arguments are explicit ({@link #space}), as in the grammar.
 *
 * <p>SECURITY: the bytes are the client's. Atoms and quoted strings are bounded by the line (the session's line
 * limit); literals by the source's limits.
 */
public final class ArgumentCursor {
    private static final int MAX_LIST_ITEMS = 10_000;
    private final LiteralSource source;
    private byte[] line;
    private int pos;
    /** A literal was handed out as a stream: the command's next line is read only when the cursor is used again. */
    private boolean lineOwed;

    public ArgumentCursor(byte[] line, LiteralSource source) {
        this.line = line;
        this.source = source;
    }

    // ---- characters (RFC 3501 9) ----

    /** ATOM-CHAR: any CHAR except atom-specials: {@code ( ) { SP CTL % * " \ ]}. */
    public static boolean isAtomChar(int c) {
        return c > 0x20 && c < 0x7F && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"' && c != '\\' && c != ']';
    }

    /** ASTRING-CHAR: ATOM-CHAR or {@code ]}. */
    public static boolean isAstringChar(int c) {
        return isAtomChar(c) || c == ']';
    }

    /** list-char: ATOM-CHAR, the wildcards {@code % *}, or {@code ]}. */
    public static boolean isListChar(int c) {
        return isAstringChar(c) || c == '%' || c == '*';
    }

    // ---- position ----

    /** The next octet, or -1 at the end of the command. */
    public int peek() throws IOException, ImapSyntaxException {
        settle();
        return pos < line.length ? line[pos] & 0xFF : -1;
    }

    public boolean atEnd() throws IOException, ImapSyntaxException {
        return peek() < 0;
    }

    /** The end of the command: anything more is an error. */
    public void end() throws IOException, ImapSyntaxException {
        if (!atEnd()) throw new ImapSyntaxException("Unexpected extra arguments");
    }

    /** Takes {@code c} if it is next. */
    public boolean take(char c) throws IOException, ImapSyntaxException {
        if (peek() != c) return false;
        pos++;
        return true;
    }

    public void expect(char c) throws IOException, ImapSyntaxException {
        if (!take(c)) throw new ImapSyntaxException(peek() < 0 ? "Missing '" + c + "' at the end" : "Expected '" + c + "'");
    }

    /** One SP between arguments. */
    public void space() throws IOException, ImapSyntaxException {
        if (peek() < 0) throw new ImapSyntaxException("Missing arguments");
        if (!take(' ')) throw new ImapSyntaxException("Expected a space between arguments");
    }

    /** What is left of the current line, consumed (to skip the rest of a command after an error). */
    public byte[] remainder() throws IOException, ImapSyntaxException {
        settle();
        byte[] rest = java.util.Arrays.copyOfRange(line, pos, line.length);
        pos = line.length;
        return rest;
    }

    /** The longest run of octets {@code allowed} accepts (possibly empty), as ASCII text. */
    public String takeWhile(IntPredicate allowed) throws IOException, ImapSyntaxException {
        settle();
        int start = pos;
        while (pos < line.length && allowed.test(line[pos] & 0xFF)) pos++;
        return new String(line, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    // ---- atoms and names ----

    /** RFC 3501 9 {@code tag}: 1*ASTRING-CHAR except {@code +}. */
    public String tag() throws IOException, ImapSyntaxException {
        String tag = takeWhile(c -> isAstringChar(c) && c != '+');
        if (tag.isEmpty()) throw new ImapSyntaxException("Missing or invalid tag");
        return tag;
    }

    public String atom() throws IOException, ImapSyntaxException {
        String atom = takeWhile(ArgumentCursor::isAtomChar);
        if (atom.isEmpty()) throw new ImapSyntaxException(peek() < 0 ? "Missing argument" : "Expected an atom");
        return atom;
    }

    /** An atom in upper case: command names, keywords such as {@code MESSAGES} or {@code SILENT}. */
    public String keyword() throws IOException, ImapSyntaxException {
        return atom().toUpperCase(Locale.ROOT);
    }

    // ---- strings ----

    /** {@code astring}: an atom (with {@code ]}), a quoted string or a literal, as UTF-8 text. */
    public String astring() throws IOException, ImapSyntaxException {
        return utf8(astringBytes());
    }

    public byte[] astringBytes() throws IOException, ImapSyntaxException {
        int c = peek();
        if (c == '"' || c == '{') return stringBytes();
        String atom = takeWhile(ArgumentCursor::isAstringChar);
        if (atom.isEmpty()) throw new ImapSyntaxException(c < 0 ? "Missing argument" : "Expected a string");
        return atom.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code nstring}: a string, or NIL (null). */
    public String nstring() throws IOException, ImapSyntaxException {
        int c = peek();
        if (c == '"' || c == '{') return string();
        if (!keyword().equals("NIL")) throw new ImapSyntaxException("Expected a string or NIL");
        return null;
    }

    /** {@code string}: quoted or literal. */
    public String string() throws IOException, ImapSyntaxException {
        return utf8(stringBytes());
    }

    public byte[] stringBytes() throws IOException, ImapSyntaxException {
        int c = peek();
        if (c == '"') return quoted();
        if (c == '{') {
            Marker m = literalMarker();
            byte[] bytes = source.literal(m.size, m.nonSynchronizing);
            nextLine();
            return bytes;
        }
        throw new ImapSyntaxException(c < 0 ? "Missing argument" : "Expected a quoted string or a literal");
    }

    /**
     * A quoted string (RFC 3501 9 {@code quoted}): {@code \} escapes only {@code "} and {@code \}. Octets above
     * 0x7F are kept (clients send UTF-8 in SEARCH and mailbox names); CR and LF cannot occur in a line.
     */
    private byte[] quoted() throws IOException, ImapSyntaxException {
        expect('"');
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            if (pos >= line.length) throw new ImapSyntaxException("Unterminated quoted string");
            int c = line[pos++] & 0xFF;
            if (c == '"') return out.toByteArray();
            if (c == '\\') {
                if (pos >= line.length) throw new ImapSyntaxException("Unterminated quoted string");
                c = line[pos++] & 0xFF;
                if (c != '"' && c != '\\') throw new ImapSyntaxException("Invalid escape in a quoted string");
            } else if (c == 0) {
                throw new ImapSyntaxException("NUL in a quoted string");
            }
            out.write(c);
        }
    }

    /** A mailbox name (RFC 3501 9 {@code mailbox}): an astring; {@code INBOX} in any case is INBOX (RFC 3501 5.1). */
    public String mailbox() throws IOException, ImapSyntaxException {
        return normalizeInbox(astring());
    }

    /** {@code list-mailbox}: 1*list-char or a string (LIST's pattern, with {@code %} and {@code *}). */
    public String listMailbox() throws IOException, ImapSyntaxException {
        int c = peek();
        if (c == '"' || c == '{') return string();
        String text = takeWhile(ArgumentCursor::isListChar);
        if (text.isEmpty()) throw new ImapSyntaxException("Expected a mailbox pattern");
        return text;
    }

    public static String normalizeInbox(String name) {
        if (name.equalsIgnoreCase("INBOX")) return "INBOX";
        if (name.length() > 6 && name.substring(0, 6).equalsIgnoreCase("INBOX/")) return "INBOX" + name.substring(5);
        return name;
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ---- literals ----

    private record Marker(long size, boolean nonSynchronizing) {}

    /** Whether a literal starts here. */
    public boolean atLiteral() throws IOException, ImapSyntaxException {
        return peek() == '{';
    }

    /** {@code "{" number ["+"] "}"} and the end of the line (RFC 3501 4.3, RFC 7888). */
    private Marker literalMarker() throws IOException, ImapSyntaxException {
        expect('{');
        String digits = takeWhile(c -> c >= '0' && c <= '9');
        if (digits.isEmpty() || digits.length() > 19) throw new ImapSyntaxException("Invalid literal size");
        long size = Long.parseLong(digits);
        boolean nonSync = take('+');
        expect('}');
        if (pos != line.length) throw new ImapSyntaxException("A literal must end its line");
        return new Marker(size, nonSync);
    }

    /**
     * The size announced by the literal marker that ends this line ({@code {n}} or {@code {n+}}), without reading it
     * or sending the continuation: -1 if no literal starts here. APPEND decides from it before the client sends.
     */
    public long literalSizeAhead() throws IOException, ImapSyntaxException {
        if (peek() != '{') return -1;
        int i = pos + 1;
        long size = 0;
        int digits = 0;
        while (i < line.length && line[i] >= '0' && line[i] <= '9' && digits < 19) {
            size = size * 10 + (line[i] - '0');
            i++;
            digits++;
        }
        return digits == 0 ? -1 : size;
    }

    /** Whether the literal marker here is non-synchronizing ({@code {n+}}, RFC 7888): its octets come without a {@code +}. */
    public boolean literalAheadIsNonSynchronizing() throws IOException, ImapSyntaxException {
        if (peek() != '{') return false;
        int n = line.length;
        return n >= 3 && line[n - 1] == '}' && line[n - 2] == '+';
    }

    /** A literal streamed rather than held (APPEND's message): read it whole before using the cursor again. */
    public record Literal(long size, InputStream content) {}

    public Literal literalStream(long limit) throws IOException, ImapSyntaxException {
        if (peek() != '{') throw new ImapSyntaxException("Expected a literal");
        Marker m = literalMarker();
        InputStream in = source.stream(m.size, m.nonSynchronizing, limit);
        lineOwed = true;
        return new Literal(m.size, in);
    }

    private void settle() throws IOException, ImapSyntaxException {
        if (lineOwed) {
            lineOwed = false;
            nextLine();
        }
    }

    private void nextLine() throws IOException, ImapSyntaxException {
        line = source.nextLine();
        pos = 0;
    }

    // ---- numbers and sets ----

    /** {@code number}: an unsigned 32-bit integer. */
    public long number() throws IOException, ImapSyntaxException {
        String digits = takeWhile(c -> c >= '0' && c <= '9');
        if (digits.isEmpty()) throw new ImapSyntaxException("Expected a number");
        if (digits.length() > 10 || Long.parseLong(digits) > 0xFFFF_FFFFL) throw new ImapSyntaxException("Number out of range");
        return Long.parseLong(digits);
    }

    /** {@code nz-number}. */
    public long nzNumber() throws IOException, ImapSyntaxException {
        long n = number();
        if (n == 0) throw new ImapSyntaxException("Expected a number above zero");
        return n;
    }

    /** RFC 7162 {@code mod-sequence-value}: 1 to 2^63-1 (0 where {@code mod-sequence-valzer} allows it). */
    public long number64() throws IOException, ImapSyntaxException {
        String digits = takeWhile(c -> c >= '0' && c <= '9');
        if (digits.isEmpty()) throw new ImapSyntaxException("Expected a number");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ImapSyntaxException("Number out of range");
        }
    }

    /** {@code sequence-set}: numbers, ranges and {@code *}, comma separated. */
    public SequenceSet sequenceSet() throws IOException, ImapSyntaxException {
        String text = takeWhile(c -> (c >= '0' && c <= '9') || c == ':' || c == ',' || c == '*');
        if (text.isEmpty()) throw new ImapSyntaxException("Expected a sequence set");
        return SequenceSet.parse(text);
    }

    // ---- flags ----

    /** A flag (RFC 3501 9 {@code flag}): {@code \Seen} and other {@code \atom}, or a keyword atom; as written. */
    public String flag() throws IOException, ImapSyntaxException {
        if (take('\\')) return "\\" + atom();
        return atom();
    }

    /** {@code flag-list}: {@code "(" [flag *(SP flag)] ")"}. */
    public List<String> flagList() throws IOException, ImapSyntaxException {
        expect('(');
        List<String> flags = new ArrayList<>();
        if (take(')')) return flags;
        while (true) {
            if (flags.size() >= MAX_LIST_ITEMS) throw new ImapSyntaxException("Too many flags");
            flags.add(flag());
            if (take(')')) return flags;
            space();
        }
    }

    // ---- dates ----

    /** {@code date-time} (APPEND, RFC 3501 9): {@code "dd-Mon-yyyy hh:mm:ss +zzzz"}, a day under 10 with a space or not. */
    public Instant dateTime() throws IOException, ImapSyntaxException {
        if (peek() != '"') throw new ImapSyntaxException("Expected a quoted date-time");
        return ImapDates.parseDateTime(new String(quoted(), StandardCharsets.ISO_8859_1));
    }

    /** {@code date} (SEARCH): {@code d-Mon-yyyy}, quoted or not. */
    public LocalDate date() throws IOException, ImapSyntaxException {
        String text = peek() == '"' ? new String(quoted(), StandardCharsets.ISO_8859_1) : takeWhile(c -> isAtomChar(c));
        return ImapDates.parseDate(text);
    }
}
