package org.postroom.imap.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the MIME structure of a stored message in one pass over its octets, holding no body: the offsets, line counts
 * and header fields of every part, so that BODYSTRUCTURE is answered from the tree and a section is then read from
 * the file by offset.
 *
 * <p>SECURITY: the input is anything a sender wrote. Nothing throws on content; depth ({@link #MAX_DEPTH}) and part
 * count ({@link #MAX_PARTS}) are bounded, past them a part is read as a leaf. Missing boundaries end a multipart where
 * an outer boundary or the message ends (RFC 2046 5.1.1 has no other way to recover), a header cut by a boundary line
 * ends there.
 */
public final class MimeParser {
    /** Nesting beyond this is read as opaque body (Dovecot stops at 100; no real message nests 20 deep). */
    public static final int MAX_DEPTH = 20;
    public static final int MAX_PARTS = 2000;

    private final LineSource source;
    private final List<byte[]> boundaries = new ArrayList<>();
    private int parts;

    private MimeParser(InputStream in) {
        this.source = new LineSource(in);
    }

    /** The structure of the message {@code in} holds (read to its end, not closed). */
    public static MimePart parse(InputStream in) throws IOException {
        return new MimeParser(in).entity(0, MimePart.TEXT_PLAIN, true);
    }

    /**
     * The message's header only, for ENVELOPE and the header sections: reads no further than the empty line. The body
     * is unknown ({@code bodyEnd} is -1, no parts).
     */
    public static MimePart parseHeader(InputStream in) throws IOException {
        MimeParser parser = new MimeParser(in);
        HeaderFields fields = parser.header(true);
        return new MimePart(0, parser.source.nextLineStart(), -1, 0, fields, contentType(fields, MimePart.TEXT_PLAIN), List.of(), null);
    }

    private HeaderFields header(boolean messageHeader) throws IOException {
        HeaderFields fields = new HeaderFields(messageHeader);
        while (source.next()) {
            if (source.isEmpty()) break;
            if (boundary() != null) {
                source.pushBack();
                break;
            }
            byte first = source.bytes()[0];
            if (first == ' ' || first == '\t') fields.continueField(source.bytes(), source.length());
            else fields.start(source.bytes(), source.length());
        }
        return fields;
    }

    private MimePart entity(int depth, HeaderValue defaultType, boolean messageHeader) throws IOException {
        parts++;
        long headerStart = source.nextLineStart();
        HeaderFields fields = header(messageHeader);
        long bodyStart = source.nextLineStart();
        long linesBefore = source.lineEndsBeforeNext();
        HeaderValue type = contentType(fields, defaultType);
        List<MimePart> children = List.of();
        MimePart message = null;
        String mediaType = type.value();
        boolean room = depth < MAX_DEPTH && parts < MAX_PARTS;
        String boundary = type.parameter("boundary");
        if (room && startsWithIgnoreCase(mediaType, "multipart/") && boundary != null && !boundary.isEmpty()) {
            HeaderValue childDefault = mediaType.equalsIgnoreCase("multipart/digest") ? MimePart.MESSAGE_RFC822 : MimePart.TEXT_PLAIN;
            children = multipart(boundary, depth, childDefault);
        } else if (room && mediaType.equalsIgnoreCase("message/rfc822") && !isEncoded(fields)) {
            message = entity(depth + 1, MimePart.TEXT_PLAIN, true);
        } else {
            while (source.next()) {
                if (boundary() != null) {
                    source.pushBack();
                    break;
                }
            }
        }
        // Here the current line is the boundary that ends this part (pushed back), or the input has ended.
        long end;
        long lines;
        if (source.atEnd()) {
            end = source.lineStart();
            lines = source.lineEndsBefore() - linesBefore;
        } else {
            int owned = source.previousTerminator(); // the line end before a boundary is the boundary's
            end = source.lineStart() - owned;
            lines = source.lineEndsBefore() - (owned > 0 ? 1 : 0) - linesBefore;
            if (end < bodyStart) {
                end = bodyStart;
                lines = 0;
            }
        }
        return new MimePart(headerStart, bodyStart, end, Math.max(0, lines), fields, type, children, message);
    }

    /** The parts of a multipart body; returns with the line that ends it pushed back, or at the end of the input. */
    private List<MimePart> multipart(String boundary, int depth, HeaderValue childDefault) throws IOException {
        byte[] delimiter = ("--" + boundary).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        boundaries.add(delimiter);
        int mine = boundaries.size() - 1;
        List<MimePart> children = new ArrayList<>();
        boolean closed = false;
        while (source.next()) {
            Match match = boundary();
            if (match == null) continue; // preamble, or the epilogue after the close delimiter
            if (match.index != mine) {
                source.pushBack(); // an outer boundary: this multipart ends (its close delimiter may be missing)
                break;
            }
            if (closed) continue; // our boundary again in the epilogue: text, as RFC 2046 5.1.1 says it is ignored
            if (match.close) {
                closed = true;
                continue;
            }
            if (parts >= MAX_PARTS) continue;
            children.add(entity(depth + 1, childDefault, false));
        }
        boundaries.remove(mine);
        return List.copyOf(children);
    }

    private record Match(int index, boolean close) {}

    /** Whether the current line is a boundary of an enclosing multipart (innermost first), and which. */
    private Match boundary() {
        int length = source.length();
        byte[] line = source.bytes();
        if (length < 2 || line[0] != '-' || line[1] != '-' || boundaries.isEmpty()) return null;
        for (int i = boundaries.size() - 1; i >= 0; i--) {
            byte[] delimiter = boundaries.get(i);
            if (length < delimiter.length || !java.util.Arrays.equals(line, 0, delimiter.length, delimiter, 0, delimiter.length)) continue;
            boolean close = length >= delimiter.length + 2 && line[delimiter.length] == '-' && line[delimiter.length + 1] == '-';
            // RFC 2046 5.1.1: only blanks may follow a delimiter, so "--d20" is no boundary "d2" (anything may follow "--")
            if (!close && !blanksOnly(line, delimiter.length, length)) continue;
            return new Match(i, close);
        }
        return null;
    }

    private static boolean blanksOnly(byte[] line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] != ' ' && line[i] != '\t') return false;
        }
        return true;
    }

    private static HeaderValue contentType(HeaderFields fields, HeaderValue defaultType) {
        String value = fields.get("content-type");
        if (value == null) return defaultType;
        HeaderValue parsed = HeaderValue.parse(value);
        String main = parsed.value();
        int slash = main.indexOf('/');
        if (slash <= 0 || slash == main.length() - 1) return defaultType; // RFC 2045 5.2: unparsable means the default
        return parsed;
    }

    /** RFC 2046 5.2.1: message/rfc822 may only be 7bit, 8bit or binary; an encoded one is read as opaque. */
    private static boolean isEncoded(HeaderFields fields) {
        String encoding = fields.get("content-transfer-encoding");
        if (encoding == null) return false;
        String e = HeaderValue.parse(encoding).value();
        return e.equalsIgnoreCase("base64") || e.equalsIgnoreCase("quoted-printable");
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
