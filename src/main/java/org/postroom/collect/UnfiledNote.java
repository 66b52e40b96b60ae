package org.postroom.collect;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.postroom.config.CollectAccount;
import org.postroom.message.SpooledMessage;

/**
 * The note that carries a message the collector cannot file normally (a mail loop, no header section) to the
 * unresolved destination: a short text and the message attached as it was downloaded (RFC 2046 5.2.1
 * {@code message/rfc822}; {@code application/octet-stream} when it has no header section). Attached, its own
 * {@code Received} headers are not the note's, so intake does not refuse the note as a loop, and the postmaster can
 * still read, forward or save the original.
 */
final class UnfiledNote {
    private UnfiledNote() {}

    /** Writes the note for {@code original} into {@code out}; {@code why} goes into {@code X-Postroom-Unresolved}. */
    static void write(OutputStream out, CollectAccount account, String uidl, String why, String destination, SpooledMessage original)
            throws IOException {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String boundary = "postroom-" + HexFormat.of().formatHex(random); // RFC 2046 5.1.1: absent from the original
        boolean rfc822 = !why.startsWith("unparseable");
        String oneLine = why.replaceAll("[\\r\\n]", " ");
        String head = "X-Postroom-Unresolved: " + oneLine + "\r\n"
                + "From: " + destination + "\r\n"
                + "To: " + destination + "\r\n"
                + "Subject: Postroom collector: a message could not be filed\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "Account " + account.name() + " (" + account.login() + " at " + account.server().host() + ") held a message (UIDL " + uidl
                + ") that could not be filed into a mailbox: " + oneLine + ".\r\n"
                + "It is attached as it was downloaded. The collector went on with the rest of the mailbox.\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + (rfc822 ? "Content-Type: message/rfc822\r\n" : "Content-Type: application/octet-stream; name=\"message.eml\"\r\n"
                        + "Content-Disposition: attachment; filename=\"message.eml\"\r\nContent-Transfer-Encoding: base64\r\n")
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.UTF_8));
        if (rfc822) {
            original.copyTo(out);
        } else {
            // Bytes that are not a message may hold anything: base64 (RFC 2045 6.8) keeps them whole.
            OutputStream keepOpen = new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            try (OutputStream base64 = Base64.getMimeEncoder().wrap(keepOpen)) {
                original.copyTo(base64);
            }
        }
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The postmaster's note about a message left at the provider for its size ({@code oversize = "skip"}). */
    static String tooLarge(CollectAccount account, String uidl, long size, org.postroom.message.MailAddress postmaster) {
        return "From: " + postmaster + "\r\nTo: " + postmaster + "\r\nSubject: Postroom collector: a message too large was left at the provider\r\n"
                + "X-Postroom-Unresolved: larger than max_message_size\r\n\r\nAccount " + account.name() + " (" + account.login() + " at "
                + account.server().host() + ") holds a message of " + size + " octets (UIDL " + uidl + "), larger than max_message_size = "
                + account.maxMessageSize() + ".\r\nIt stays at the provider. Raise max_message_size, set oversize = \"download\", or fetch it"
                + " with a mail client.\r\n";
    }
}
