package org.postroom.queue;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.postroom.message.MailAddress;

/**
 * One recipient of a queued message and how far it got.
 *
 * @param address where it goes (the RCPT TO Postroom sends)
 * @param original the address the client gave, when an alias or group led here (RFC 3464 Original-Recipient)
 * @param state see {@link RecipientState}
 * @param attempts how many delivery attempts have ended for it
 * @param nextAttempt when it is due (meaningful while {@link RecipientState#PENDING} or {@link RecipientState#DEFERRED})
 * @param lastAttempt when the last attempt ended
 * @param last why the last attempt ended as it did
 * @param notified the sender has been told of its failure (the bounce is on its way, or none was due)
 */
public record QueuedRecipient(
        MailAddress address,
        Optional<MailAddress> original,
        RecipientState state,
        int attempts,
        Instant nextAttempt,
        Optional<Instant> lastAttempt,
        Optional<Diagnosis> last,
        boolean notified) {

    public QueuedRecipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
    }

    public static QueuedRecipient pending(MailAddress address, Optional<MailAddress> original, Instant now) {
        return new QueuedRecipient(address, original, RecipientState.PENDING, 0, now, Optional.empty(), Optional.empty(), false);
    }

    /** Still to be delivered: pending or deferred. */
    public boolean isActive() {
        return !state.isFinal();
    }

    public boolean isDue(Instant now) {
        return isActive() && !nextAttempt.isAfter(now);
    }

    /** Failed, and the sender not yet told. */
    public boolean owesNotice() {
        return state == RecipientState.FAILED && !notified;
    }

    public QueuedRecipient delivered(Instant when, Diagnosis reply) {
        return new QueuedRecipient(address, original, RecipientState.DELIVERED, attempts + 1, nextAttempt, Optional.of(when), Optional.of(reply), true);
    }

    public QueuedRecipient deferred(Instant when, Diagnosis why, Instant next) {
        return new QueuedRecipient(address, original, RecipientState.DEFERRED, attempts + 1, next, Optional.of(when), Optional.of(why), false);
    }

    /** Refused for good after an attempt. */
    public QueuedRecipient failed(Instant when, Diagnosis why) {
        return new QueuedRecipient(address, original, RecipientState.FAILED, attempts + 1, nextAttempt, Optional.of(when), Optional.of(why), false);
    }

    /** Failed without a new attempt (expired on release, bounced by the administrator). */
    public QueuedRecipient failedNow(Diagnosis why) {
        return new QueuedRecipient(address, original, RecipientState.FAILED, attempts, nextAttempt, lastAttempt, Optional.of(why), false);
    }

    public QueuedRecipient withNotified() {
        return new QueuedRecipient(address, original, state, attempts, nextAttempt, lastAttempt, last, true);
    }

    /** Due now: a retry the administrator asked for, or a held message released. */
    public QueuedRecipient dueAt(Instant when) {
        if (!isActive()) return this;
        return new QueuedRecipient(address, original, state, attempts, when, lastAttempt, last, notified);
    }
}
