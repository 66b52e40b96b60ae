package org.postroom.imap.mime;

import java.util.List;
import java.util.Locale;

/**
 * One entity of a stored message (RFC 2045 2.4: a message, or a body part) as {@link MimeParser} found it: where its
 * header and body lie in the file, what its header says, and its parts. Offsets are octets from the start of the
 * message; a body's end excludes the line end that belongs to the next boundary (RFC 2046 5.1.1).
 *
 * @param headerStart where the part's header (its MIME header, RFC 3501 6.4.5) starts
 * @param bodyStart where its body starts (after the empty line, or where the header was cut short)
 * @param bodyEnd where its body ends
 * @param bodyLines LFs in the body (RFC 3501's "size of the body in text lines", counted as Dovecot counts them)
 * @param fields the header fields BODYSTRUCTURE and ENVELOPE show
 * @param type the effective content type: the header's, or the default (RFC 2045 5.2, RFC 2046 5.1.5)
 * @param children a multipart's parts, in order; empty otherwise
 * @param message a message/rfc822 part's message; null otherwise
 */
public record MimePart(long headerStart, long bodyStart, long bodyEnd, long bodyLines, HeaderFields fields,
        HeaderValue type, List<MimePart> children, MimePart message) {

    static final HeaderValue TEXT_PLAIN = HeaderValue.parse("text/plain; charset=us-ascii");
    static final HeaderValue MESSAGE_RFC822 = HeaderValue.parse("message/rfc822");

    /** A message not read at all (for BODY[] alone, which needs no structure): its body's end is unknown (-1). */
    public static MimePart unread() {
        return new MimePart(0, 0, -1, 0, new HeaderFields(true), TEXT_PLAIN, List.of(), null);
    }

    public long bodySize() {
        return bodyEnd - bodyStart;
    }

    public String mediaType() {
        String value = type.value();
        int slash = value.indexOf('/');
        return slash < 0 ? value : value.substring(0, slash);
    }

    public String subtype() {
        String value = type.value();
        int slash = value.indexOf('/');
        return slash < 0 ? "" : value.substring(slash + 1);
    }

    public boolean isMultipart() {
        return !children.isEmpty() || mediaType().equalsIgnoreCase("multipart");
    }

    public boolean isMessage() {
        return message != null;
    }

    public boolean isText() {
        return mediaType().equalsIgnoreCase("text");
    }

    /** The field's value as written (an octet string), or null. */
    public String field(String name) {
        return fields.get(name.toLowerCase(Locale.ROOT));
    }

    /** The Content-Transfer-Encoding, lower case; "7bit" when absent (RFC 2045 6.1). */
    public String encoding() {
        String value = field("content-transfer-encoding");
        if (value == null) return "7bit";
        String main = HeaderValue.parse(value).value();
        return main.isEmpty() ? "7bit" : main.toLowerCase(Locale.ROOT);
    }
}
