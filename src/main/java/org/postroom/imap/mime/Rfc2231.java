package org.postroom.imap.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;

/** RFC 2231 4 extended parameter values: {@code charset'language'%XX...} to text. */
final class Rfc2231 {
    private Rfc2231() {}

    /** The text of an extended value (joined from its pieces); malformed input is returned as it stands. */
    static String decode(String extended) {
        int first = extended.indexOf('\'');
        int second = first < 0 ? -1 : extended.indexOf('\'', first + 1);
        if (second < 0) return Charsets.decodeRaw(extended);
        Charset charset = Charsets.lookup(extended.substring(0, first));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String encoded = extended.substring(second + 1);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            int hex = c == '%' ? QuotedPrintable.hexPair(encoded, i + 1) : -1;
            if (hex >= 0) {
                bytes.write(hex);
                i += 2;
            } else {
                bytes.write(c & 0xff);
            }
        }
        byte[] octets = bytes.toByteArray();
        return charset == null ? Charsets.decodeRaw(new String(octets, java.nio.charset.StandardCharsets.ISO_8859_1)) : new String(octets, charset);
    }
}
