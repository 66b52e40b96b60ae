package org.postroom.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes IMAP responses (RFC 3501 7) onto the session's buffered output: status responses, tagged completions, the
 * {@code +} continuation, and the pieces of a data response ({@code * 12 FETCH (...)}) one element at a time, with
 * strings quoted or sent as literals according to their content. Nothing is flushed here; the session flushes when
 * the client has no more pipelined input.
 *
 * <p>A data response is built as {@code start().number(12).sp().atom("FETCH")...end()}; every response ends with
 * CRLF written by {@link #end}.
 */
public final class ResponseWriter {
    /** A quoted string longer than this is sent as a literal instead (keeps lines short for clients). */
    private static final int MAX_QUOTED = 1024;
    private final OutputStream out;

    public ResponseWriter(OutputStream out) {
        this.out = out;
    }

    public OutputStream stream() {
        return out;
    }

    // ---- whole responses ----

    /** {@code * STATUS [code] text} (RFC 3501 7.1): OK, NO, BAD, PREAUTH or BYE. */
    public void status(ImapStatus status, ResponseCode code, String text) throws IOException {
        start().raw(status.name()).raw(" ");
        codeAndText(code, text);
    }

    /** {@code tag OK|NO|BAD [code] text}. */
    public void tagged(String tag, Completion completion) throws IOException {
        raw(tag).raw(" ").raw(completion.status().name()).raw(" ");
        codeAndText(completion.code(), completion.text());
    }

    /** {@code + text} (RFC 3501 7.5). */
    public void continuation(String text) throws IOException {
        raw("+ ").raw(text).end();
    }

    /** {@code * text}: a data response that is plain ASCII through and through (CAPABILITY, ENABLED). */
    public void untagged(String text) throws IOException {
        start().raw(text).end();
    }

    private void codeAndText(ResponseCode code, String text) throws IOException {
        if (code != null) raw("[").raw(code.text()).raw("] ");
        raw(text.isEmpty() ? "." : text).end();
    }

    // ---- pieces of a data response ----

    /** {@code "* "}. */
    public ResponseWriter start() throws IOException {
        return raw("* ");
    }

    /** Text exactly as given, ASCII: atoms, keywords, parentheses, already-formatted flags. */
    public ResponseWriter raw(String ascii) throws IOException {
        out.write(ascii.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    public ResponseWriter sp() throws IOException {
        out.write(' ');
        return this;
    }

    public ResponseWriter atom(String atom) throws IOException {
        return raw(atom);
    }

    public ResponseWriter number(long n) throws IOException {
        return raw(Long.toString(n));
    }

    public ResponseWriter open() throws IOException {
        out.write('(');
        return this;
    }

    public ResponseWriter close() throws IOException {
        out.write(')');
        return this;
    }

    /** CRLF: the response is complete. */
    public ResponseWriter end() throws IOException {
        out.write('\r');
        out.write('\n');
        return this;
    }

    /** A string: quoted when every character may be quoted (7-bit, no CR, LF or NUL, short), else a literal. */
    public ResponseWriter string(String text) throws IOException {
        return string(text.getBytes(StandardCharsets.UTF_8));
    }

    public ResponseWriter string(byte[] bytes) throws IOException {
        if (quotable(bytes)) {
            out.write('"');
            for (byte b : bytes) {
                if (b == '"' || b == '\\') out.write('\\');
                out.write(b);
            }
            out.write('"');
            return this;
        }
        return literal(bytes);
    }

    /** A string or {@code NIL} for null (RFC 3501 {@code nstring}). */
    public ResponseWriter nstring(String text) throws IOException {
        return text == null ? raw("NIL") : string(text);
    }

    /** An astring: the atom itself when it is one (mailbox names in LIST), else a string. */
    public ResponseWriter astring(String text) throws IOException {
        if (!text.isEmpty() && text.chars().allMatch(ArgumentCursor::isAstringChar) && !text.equalsIgnoreCase("NIL")) return raw(text);
        return string(text);
    }

    /** {@code {n}CRLF} and the octets. */
    public ResponseWriter literal(byte[] bytes) throws IOException {
        raw("{" + bytes.length + "}\r\n");
        out.write(bytes);
        return this;
    }

    /** {@code {n}CRLF} and exactly {@code size} octets from {@code content} (a message body); fails if it is shorter. */
    public ResponseWriter literal(InputStream content, long size) throws IOException {
        raw("{" + size + "}\r\n");
        byte[] buffer = new byte[8192];
        long left = size;
        while (left > 0) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) throw new java.io.EOFException("the content ended " + left + " octets early");
            out.write(buffer, 0, n);
            left -= n;
        }
        return this;
    }

    static boolean quotable(byte[] bytes) {
        if (bytes.length > MAX_QUOTED) return false;
        for (byte b : bytes) {
            if (b <= 0 || b == '\r' || b == '\n') return false; // b < 0: 8-bit
        }
        return true;
    }
}
