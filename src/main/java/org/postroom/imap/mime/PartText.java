package org.postroom.imap.mime;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A text part's body as characters, for SEARCH BODY and TEXT: the content transfer encoding undone (RFC 2045 6.7
 * quoted-printable, 6.8 base64; anything else as is), then the charset parameter applied (UTF-8 when it names none
 * Java knows, malformed octets replaced). Streams: nothing is held whole.
 */
public final class PartText {
    private PartText() {}

    /** @param body the part's body octets (exactly those: the caller bounds the stream) */
    public static Reader reader(MimePart part, InputStream body) {
        Charset charset = Charsets.lookup(part.type().parameter("charset"));
        if (charset == null) charset = StandardCharsets.UTF_8;
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new InputStreamReader(decoded(part.encoding(), body), decoder);
    }

    /** The body with its content transfer encoding undone. */
    public static InputStream decoded(String encoding, InputStream body) {
        return switch (encoding) {
            case "base64" -> Base64.getMimeDecoder().wrap(body);
            case "quoted-printable" -> new QuotedPrintable(body);
            default -> body;
        };
    }
}
