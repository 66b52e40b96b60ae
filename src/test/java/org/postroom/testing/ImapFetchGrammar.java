package org.postroom.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A strict reader of one FETCH response ({@code * n FETCH (...)} CRLF) by RFC 3501 9's grammar, written apart from
 * the server's code to check it: {@code envelope}, {@code body} (BODYSTRUCTURE and BODY, with the body-type-msg and
 * body-type-text forms decided by the media type), literals with exact octet counts, and nothing after the CRLF. Any
 * departure throws {@link IllegalArgumentException} naming the offset.
 *
 * <p>{@link #parse} returns the items by name ({@code BODY[1.2]<0>}, {@code FLAGS}); a string's value is its octets
 * as ISO-8859-1 text, a structure's value is its text as sent.
 */
public final class ImapFetchGrammar {
    private final byte[] in;
    private int pos;

    private ImapFetchGrammar(byte[] in) {
        this.in = in;
    }

    /** The response's sequence number and items; throws unless {@code response} is exactly one valid FETCH response. */
    public static Map<String, String> parse(byte[] response) {
        ImapFetchGrammar g = new ImapFetchGrammar(response);
        Map<String, String> items = g.response();
        if (g.pos != response.length) throw g.error("octets after the response");
        return items;
    }

    public static Map<String, String> parse(String response) {
        return parse(response.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Checks a BODYSTRUCTURE ({@code extensible}) or BODY value on its own. */
    public static void checkBody(String text, boolean extensible) {
        ImapFetchGrammar g = new ImapFetchGrammar(text.getBytes(StandardCharsets.ISO_8859_1));
        g.body(extensible, 0);
        if (g.pos != g.in.length) throw g.error("octets after the body");
    }

    public static void checkEnvelope(String text) {
        ImapFetchGrammar g = new ImapFetchGrammar(text.getBytes(StandardCharsets.ISO_8859_1));
        g.envelope();
        if (g.pos != g.in.length) throw g.error("octets after the envelope");
    }

    private Map<String, String> response() {
        expect("* ");
        String seq = number();
        items.put("*", seq);
        expect(" FETCH (");
        while (true) {
            item();
            if (take(')')) break;
            expect(" ");
        }
        expect("\r\n");
        return items;
    }

    private final Map<String, String> items = new LinkedHashMap<>();

    private void item() {
        int start = pos;
        String name = atomLike();
        switch (name) {
            case "FLAGS" -> {
                expect(" (");
                int from = pos;
                while (peek() != ')') pos++;
                put("FLAGS", text(from, pos));
                pos++;
            }
            case "UID", "RFC822.SIZE" -> {
                expect(" ");
                put(name, number());
            }
            case "MODSEQ" -> {
                expect(" (");
                put(name, number());
                expect(")");
            }
            case "INTERNALDATE" -> {
                expect(" ");
                String date = quoted();
                if (!date.matches("[ 0-3][0-9]-[A-Z][a-z]{2}-[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}")) throw error("bad date-time " + date);
                put(name, date);
            }
            case "ENVELOPE" -> {
                expect(" ");
                int from = pos;
                envelope();
                put(name, text(from, pos));
            }
            case "BODYSTRUCTURE" -> {
                expect(" ");
                int from = pos;
                body(true, 0);
                put(name, text(from, pos));
            }
            case "RFC822", "RFC822.HEADER", "RFC822.TEXT" -> {
                expect(" ");
                put(name, nstring());
            }
            case "BODY" -> {
                if (peek() == ' ') {
                    expect(" ");
                    int from = pos;
                    body(false, 0);
                    put(name, text(from, pos));
                    return;
                }
                expect("[");
                while (peek() != ']') {
                    if (peek() == '\r' || peek() == '\n') throw error("line end in a section");
                    pos++;
                }
                pos++;
                if (take('<')) {
                    number();
                    expect(">");
                }
                String key = text(start, pos);
                expect(" ");
                put(key, nstring());
            }
            default -> throw error("unknown FETCH item " + name);
        }
    }

    private void put(String key, String value) {
        if (items.put(key, value) != null) throw error("item twice: " + key);
    }

    private void envelope() {
        expect("(");
        nstring(); // date
        expect(" ");
        nstring(); // subject
        for (int i = 0; i < 6; i++) {
            expect(" ");
            addresses();
        }
        expect(" ");
        nstring(); // in-reply-to
        expect(" ");
        nstring(); // message-id
        expect(")");
    }

    private void addresses() {
        if (nil()) return;
        expect("(");
        int depth = 0;
        do {
            expect("(");
            String name = nstring();
            expect(" ");
            nstring();
            expect(" ");
            String mailbox = nstring();
            expect(" ");
            String host = nstring();
            expect(")");
            // RFC 3501 7.4.2: NIL host is group syntax; a group end has a NIL mailbox, a start a non-NIL one
            if (host == null && mailbox == null) {
                if (depth-- == 0) throw error("group end without a start");
            } else if (host == null) {
                if (name != null || depth++ > 0) throw error("bad group start");
            }
        } while (peek() == '(');
        if (depth != 0) throw error("unterminated group");
        expect(")");
    }

    private void body(boolean extensible, int depth) {
        if (depth > 200) throw error("too deep");
        expect("(");
        if (peek() == '(') {
            while (peek() == '(') body(extensible, depth + 1);
            expect(" ");
            string(); // media-subtype
            if (extensible && take(' ')) {
                parameters();
                extensionTail();
            }
            expect(")");
            return;
        }
        String type = string().toUpperCase(Locale.ROOT);
        expect(" ");
        String subtype = string().toUpperCase(Locale.ROOT);
        expect(" ");
        parameters();
        expect(" ");
        nstring(); // id
        expect(" ");
        nstring(); // description
        expect(" ");
        string(); // encoding
        expect(" ");
        number(); // octets
        if (type.equals("MESSAGE") && subtype.equals("RFC822")) {
            expect(" ");
            envelope();
            expect(" ");
            body(extensible, depth + 1);
            expect(" ");
            number();
        } else if (type.equals("TEXT")) {
            expect(" ");
            number();
        }
        if (extensible && take(' ')) {
            nstring(); // md5
            extensionTail();
        }
        expect(")");
    }

    /** [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc]]]: we write all three. */
    private void extensionTail() {
        expect(" ");
        if (!nil()) {
            expect("(");
            string();
            expect(" ");
            parameters();
            expect(")");
        }
        expect(" ");
        if (peek() == '(') {
            expect("(");
            string();
            while (take(' ')) string();
            expect(")");
        } else {
            nstring();
        }
        expect(" ");
        nstring();
    }

    private void parameters() {
        if (nil()) return;
        expect("(");
        string();
        expect(" ");
        string();
        while (take(' ')) {
            string();
            expect(" ");
            string();
        }
        expect(")");
    }

    private boolean nil() {
        if (pos + 3 <= in.length && in[pos] == 'N' && in[pos + 1] == 'I' && in[pos + 2] == 'L') {
            pos += 3;
            return true;
        }
        return false;
    }

    private String nstring() {
        return nil() ? null : string();
    }

    private String string() {
        if (peek() == '"') return quoted();
        if (peek() == '{') return literal();
        throw error("expected a string");
    }

    private String quoted() {
        expect("\"");
        StringBuilder s = new StringBuilder();
        while (true) {
            int c = next();
            if (c == '"') return s.toString();
            if (c == '\\') {
                c = next();
                if (c != '"' && c != '\\') throw error("bad escape");
            } else if (c == '\r' || c == '\n' || c == 0 || c > 127) {
                throw error("octet " + c + " in a quoted string");
            }
            s.append((char) c);
        }
    }

    private String literal() {
        expect("{");
        long size = Long.parseLong(number());
        expect("}\r\n");
        if (pos + size > in.length) throw error("literal of " + size + " runs past the end");
        String value = text(pos, (int) (pos + size));
        pos += (int) size;
        return value;
    }

    private String number() {
        int from = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') pos++;
        if (pos == from) throw error("expected a number");
        return text(from, pos);
    }

    private String atomLike() {
        int from = pos;
        while (pos < in.length && (Character.isLetterOrDigit(in[pos]) || in[pos] == '.')) pos++;
        if (pos == from) throw error("expected an item name");
        return text(from, pos);
    }

    private boolean take(char c) {
        if (peek() != c) return false;
        pos++;
        return true;
    }

    private void expect(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (next() != s.charAt(i)) throw error("expected '" + s.replace("\r\n", "CRLF") + "'");
        }
    }

    private int peek() {
        return pos < in.length ? in[pos] & 0xff : -1;
    }

    private int next() {
        if (pos >= in.length) throw error("unexpected end");
        return in[pos++] & 0xff;
    }

    private String text(int from, int to) {
        return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private IllegalArgumentException error(String what) {
        int from = Math.max(0, pos - 40);
        return new IllegalArgumentException(what + " at offset " + pos + " near: " + text(from, Math.min(in.length, pos + 20)));
    }
}
