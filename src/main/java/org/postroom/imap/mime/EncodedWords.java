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
    /** RFC 2047 2 allows 75 characters; longer words are written by real mailers, this long by none. */
    private static final int MAX_WORD = 4096;
    /** Charset names not seen before that one field may make us look up (each costs the JDK a provider search). */
    private static final int LOOKUPS = 8;

    private EncodedWords() {}

    /** {@code text}'s index in {@code s} at or after {@code from}, ending before {@code limit}; -1 if none. */
    private static int indexOf(String s, String text, int from, int limit) {
        for (int i = from; i + text.length() <= limit; i++) {
            if (s.startsWith(text, i)) return i;
        }
        return -1;
    }

    /** Decodes an octet string (one char per octet) into text; never throws. */
    public static String decode(String octets) {
        int[] lookups = {LOOKUPS};
        StringBuilder out = new StringBuilder(octets.length());
        int i = 0;
        int pendingBlankStart = -1; // blanks after an encoded word, dropped if another encoded word follows
        boolean lastWasEncoded = false;
        while (i < octets.length()) {
            int start = octets.indexOf("=?", i);
            if (start < 0) break;
            Decoded word = decodeWord(octets, start, lookups);
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
    private static Decoded decodeWord(String s, int start, int[] lookups) {
        int limit = Math.min(s.length(), start + MAX_WORD); // bounded: a field full of "=?" costs linear time
        int q1 = indexOf(s, "?", start + 2, limit);
        if (q1 < 0 || q1 + 2 >= s.length() || s.charAt(q1 + 2) != '?') return null;
        char encoding = Character.toUpperCase(s.charAt(q1 + 1));
        int end = indexOf(s, "?=", q1 + 3, limit);
        if (end < 0) return null;
        String charsetName = s.substring(start + 2, q1);
        int star = charsetName.indexOf('*'); // RFC 2231 5: a language after the charset
        if (star >= 0) charsetName = charsetName.substring(0, star);
        if (encoding != 'B' && encoding != 'Q') return null;
        String text = s.substring(q1 + 3, end);
        if (text.indexOf(' ') >= 0) return null;
        Charset charset = Charsets.lookup(charsetName, lookups);
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
