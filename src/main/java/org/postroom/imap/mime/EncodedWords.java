package org.postroom.imap.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Base64;

/**
 * RFC 2047 decoding of header text for SEARCH: {@code =?charset?B|Q?text?=} words become text, blanks between two
 * encoded words vanish (RFC 2047 6.2), unlabelled 8-bit octets are read as UTF-8 or Windows-1252. ENVELOPE does not
 * use this: RFC 3501 7.4.2 sends header strings as they are.
 */
public final class EncodedWords {
    private EncodedWords() {}

    /** Decodes an octet string (one char per octet) into text; never throws. */
    public static String decode(String octets) {
        StringBuilder out = new StringBuilder(octets.length());
        int i = 0;
        int pendingBlankStart = -1; // blanks after an encoded word, dropped if another encoded word follows
        boolean lastWasEncoded = false;
        while (i < octets.length()) {
            int start = octets.indexOf("=?", i);
            if (start < 0) break;
            Decoded word = decodeWord(octets, start);
            if (word == null) {
                appendRaw(out, octets.substring(i, start + 2));
                i = start + 2;
                lastWasEncoded = false;
                continue;
            }
            String between = octets.substring(i, start);
            if (!(lastWasEncoded && between.isBlank())) appendRaw(out, between);
            out.append(word.text);
            i = word.end;
            lastWasEncoded = true;
        }
        appendRaw(out, octets.substring(i));
        return out.toString();
    }

    private record Decoded(String text, int end) {}

    private static void appendRaw(StringBuilder out, String octets) {
        out.append(Charsets.decodeRaw(octets));
    }

    /** {@code =?charset[*lang]?enc?text?=} at {@code start}, or null. */
    private static Decoded decodeWord(String s, int start) {
        int q1 = s.indexOf('?', start + 2);
        if (q1 < 0 || q1 + 2 >= s.length() || s.charAt(q1 + 2) != '?') return null;
        char encoding = Character.toUpperCase(s.charAt(q1 + 1));
        int end = s.indexOf("?=", q1 + 3);
        if (end < 0 || end - start > 4096) return null;
        String charsetName = s.substring(start + 2, q1);
        int star = charsetName.indexOf('*'); // RFC 2231 5: a language after the charset
        if (star >= 0) charsetName = charsetName.substring(0, star);
        Charset charset = Charsets.lookup(charsetName);
        String text = s.substring(q1 + 3, end);
        if (text.indexOf(' ') >= 0) return null;
        byte[] bytes;
        if (encoding == 'B') {
            try {
                bytes = Base64.getMimeDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        } else if (encoding == 'Q') {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                int hex = c == '=' ? QuotedPrintable.hexPair(text, i + 1) : -1;
                if (hex >= 0) {
                    b.write(hex);
                    i += 2;
                } else {
                    b.write(c == '_' ? ' ' : c & 0xff);
                }
            }
            bytes = b.toByteArray();
        } else {
            return null;
        }
        String decoded = charset == null
                ? Charsets.decodeRaw(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
                : new String(bytes, charset);
        return new Decoded(decoded, end + 2);
    }
}
