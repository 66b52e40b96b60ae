package org.postroom.imap.mime;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * RFC 3501 7.4.2 ENVELOPE: {@code (date subject from sender reply-to to cc bcc in-reply-to message-id)}, strings as
 * the header has them (RFC 2047 words left encoded), sender and reply-to defaulting to from, absent fields NIL.
 */
public final class EnvelopeWriter {
    private EnvelopeWriter() {}

    /** The envelope of the message whose header {@code message} is (the root, or a message/rfc822 part's message). */
    public static void write(ByteArrayOutputStream out, MimePart message) {
        out.write('(');
        ImapText.nstring(out, message.field("date"));
        out.write(' ');
        ImapText.nstring(out, message.field("subject"));
        String from = message.field("from");
        out.write(' ');
        addresses(out, from);
        out.write(' ');
        addresses(out, orDefault(message.field("sender"), from));
        out.write(' ');
        addresses(out, orDefault(message.field("reply-to"), from));
        for (String name : List.of("to", "cc", "bcc")) {
            out.write(' ');
            addresses(out, message.field(name));
        }
        out.write(' ');
        ImapText.nstring(out, message.field("in-reply-to"));
        out.write(' ');
        ImapText.nstring(out, message.field("message-id"));
        out.write(')');
    }

    /** RFC 3501 7.4.2: "If the Sender or Reply-To lines are absent in the [RFC-2822] header, or are present but empty". */
    private static String orDefault(String value, String from) {
        return value == null || value.isBlank() ? from : value;
    }

    private static void addresses(ByteArrayOutputStream out, String field) {
        List<AddressList.Address> list = field == null ? List.of() : AddressList.parse(field);
        if (list.isEmpty()) {
            ImapText.ascii(out, "NIL");
            return;
        }
        out.write('(');
        for (AddressList.Address a : list) {
            out.write('(');
            ImapText.nstring(out, a.name());
            out.write(' ');
            ImapText.nstring(out, a.adl());
            out.write(' ');
            ImapText.nstring(out, a.mailbox());
            out.write(' ');
            ImapText.nstring(out, a.host());
            out.write(')');
        }
        out.write(')');
    }
}
