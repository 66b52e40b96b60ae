package org.postroom.queue;

import org.postroom.message.MailAddress;

/**
 * How the queue sends the notices it writes (bounces, delay notices, postmaster notices): through the same
 * intake as every other message, delivered locally or queued with the null sender. Implemented in
 * {@code org.postroom.intake}.
 */
public interface NoticeSender {

    /** Sends {@code message} (a whole RFC 5322 message) from the null sender to {@code to}. */
    Result send(MailAddress to, byte[] message, QueueEntry.Kind kind);

    /** The postmaster, who hears about notices that could not be delivered. */
    MailAddress postmaster();

    /** What became of a notice. */
    sealed interface Result {
        /** Delivered or queued, durably. */
        record Sent(String id) implements Result {}

        /** Refused for good: nobody by that name, for instance. */
        record Refused(String reason) implements Result {}

        /** Not stored now (disk full): try again later. */
        record TryLater(String reason) implements Result {}
    }
}
