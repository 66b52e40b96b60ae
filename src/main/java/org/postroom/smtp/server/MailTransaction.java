package org.postroom.smtp.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postroom.intake.Envelope;
import org.postroom.message.MailAddress;
import org.postroom.message.SpooledMessage;
import org.postroom.router.SenderContext;

/**
 * One mail transaction, from MAIL to the end of data. RSET, a new EHLO, STARTTLS and the end of each message
 * replace it whole (as Apache James keeps connection and transaction state apart).
 */
final class MailTransaction implements AutoCloseable {
    final Optional<MailAddress> sender;
    final long declaredSize;
    final boolean smtpUtf8;
    final List<Envelope.Recipient> recipients = new ArrayList<>();
    /** The BDAT chunks received so far, when the client uses CHUNKING. */
    SpooledMessage chunks;
    boolean chunkTooBig;
    /** Who the sender is to the router, looked up at the first RCPT and kept for the others. */
    SenderContext senderContext;

    MailTransaction(Optional<MailAddress> sender, long declaredSize, boolean smtpUtf8) {
        this.sender = sender;
        this.declaredSize = declaredSize;
        this.smtpUtf8 = smtpUtf8;
    }

    Envelope envelope() {
        return new Envelope(sender, recipients);
    }

    @Override
    public void close() {
        if (chunks != null) {
            try {
                chunks.close();
            } catch (java.io.IOException ignored) {
                // a temporary file that could not be removed is swept on the next start
            }
            chunks = null;
        }
    }
}
