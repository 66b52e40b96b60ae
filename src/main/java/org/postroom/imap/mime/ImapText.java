package org.postroom.imap.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3501 9 strings written into a response under construction: NIL, a quoted string when the octets allow one
 * (7-bit, no CR, LF or NUL), a literal {@code {n}CRLF...} otherwise. Values are octet strings (one char per octet), so
 * header text goes out exactly as it is stored.
 */
public final class ImapText {
    private ImapText() {}

    /** An nstring: NIL for null. */
    public static void nstring(ByteArrayOutputStream out, String octets) {
        if (octets == null) ascii(out, "NIL");
        else string(out, octets);
    }

    /** A string: quoted if it can be, else a literal with its exact octet count. */
    public static void string(ByteArrayOutputStream out, String octets) {
        if (quotable(octets)) {
            out.write('"');
            for (int i = 0; i < octets.length(); i++) {
                char c = octets.charAt(i);
                if (c == '"' || c == '\\') out.write('\\');
                out.write(c);
            }
            out.write('"');
        } else {
            byte[] bytes = octets.getBytes(StandardCharsets.ISO_8859_1);
            literalPrefix(out, bytes.length);
            out.writeBytes(bytes);
        }
    }

    /** {@code {n}CRLF}: the octets follow. */
    public static void literalPrefix(ByteArrayOutputStream out, long length) {
        ascii(out, "{" + length + "}\r\n");
    }

    public static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** RFC 3501 9 quoted: TEXT-CHAR is any CHAR (7-bit) but CR and LF; NUL is not a CHAR. Kept short too. */
    static boolean quotable(String s) {
        if (s.length() > 4096) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c == '\r' || c == '\n' || c > 127) return false;
        }
        return true;
    }
}
