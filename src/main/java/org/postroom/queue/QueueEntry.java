package org.postroom.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.postroom.message.MailAddress;

/**
 * What the envelope file of one queued message says: who sent it, when it came, what kind of mail it is, whether
 * the administrator holds it, and each recipient's state. The message itself is in the message file beside it.
 *
 * @param id the id intake gave the message, also its file names and its handle in logs and on the CLI
 * @param sender the reverse path, empty for the null sender {@code <>}
 * @param created when Postroom accepted it: the message's lifetime and delay notice count from here
 * @param size the message file's size in octets (announced as SIZE=, RFC 1870)
 * @param kind ordinary mail, or a notice Postroom wrote (which decides who hears of its failure)
 * @param eightBit the message has octets above 127 (it needs BODY=8BITMIME, RFC 6152)
 * @param smtpUtf8 an address or header field is UTF-8 (it needs SMTPUTF8, RFC 6531)
 * @param held why the administrator holds it ({@code postroom queue hold}); a held message is not tried
 * @param delayNoticeSent the sender was told once that it is late
 * @param recipients each recipient and how far it got
 */
public record QueueEntry(
        String id,
        Optional<MailAddress> sender,
        Instant created,
        long size,
        Kind kind,
        boolean eightBit,
        boolean smtpUtf8,
        Optional<String> held,
        boolean delayNoticeSent,
        List<QueuedRecipient> recipients) {

    /** What a queued message is, for deciding who hears of its failure (never a loop of notices). */
    public enum Kind {
        /** Mail from a client or forwarded by an alias: its sender gets the bounce (none for the null sender ...). */
        MESSAGE,
        /** A delivery status notification Postroom wrote for a sender: if it fails, the postmaster is told. */
        NOTICE,
        /** A notice to the postmaster about mail that could not be returned: if it fails, it is only logged. */
        POSTMASTER_NOTICE
    }

    public QueueEntry {
        Objects.requireNonNull(id, "id");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) throw new IllegalArgumentException("a queued message needs a recipient");
    }

    public boolean isHeld() {
        return held.isPresent();
    }

    /** Nothing left to do: every recipient delivered or failed, and every failure reported. */
    public boolean isDone() {
        return recipients.stream().allMatch(r -> r.state().isFinal() && (r.notified() || r.state() == RecipientState.DELIVERED));
    }

    public List<QueuedRecipient> active() {
        return recipients.stream().filter(QueuedRecipient::isActive).toList();
    }

    /** When the earliest active recipient is due; empty when none is active. */
    public Optional<Instant> nextAttempt() {
        return active().stream().map(QueuedRecipient::nextAttempt).min(Comparator.naturalOrder());
    }

    public int attempts() {
        return recipients.stream().mapToInt(QueuedRecipient::attempts).max().orElse(0);
    }

    /** The most recent reason an attempt did not deliver, for {@code queue list}. */
    public Optional<Diagnosis> lastProblem() {
        return recipients.stream()
                .filter(r -> r.state() != RecipientState.DELIVERED && r.last().isPresent() && r.lastAttempt().isPresent())
                .max(Comparator.comparing(r -> r.lastAttempt().get()))
                .flatMap(QueuedRecipient::last);
    }

    public QueueEntry withRecipients(List<QueuedRecipient> replaced) {
        return new QueueEntry(id, sender, created, size, kind, eightBit, smtpUtf8, held, delayNoticeSent, replaced);
    }

    /** Each recipient passed through {@code change}. */
    public QueueEntry mapRecipients(UnaryOperator<QueuedRecipient> change) {
        List<QueuedRecipient> out = new ArrayList<>(recipients.size());
        for (QueuedRecipient r : recipients) out.add(change.apply(r));
        return withRecipients(out);
    }

    public QueueEntry withHeld(Optional<String> reason) {
        return new QueueEntry(id, sender, created, size, kind, eightBit, smtpUtf8, reason, delayNoticeSent, recipients);
    }

    public QueueEntry withDelayNoticeSent() {
        return new QueueEntry(id, sender, created, size, kind, eightBit, smtpUtf8, held, true, recipients);
    }

    /** One word for {@code queue list}: held, deferred (tried and waiting), pending (not tried yet), or done. */
    public String summaryState() {
        if (isHeld()) return "held";
        if (recipients.stream().anyMatch(r -> r.state() == RecipientState.DEFERRED)) return "deferred";
        if (recipients.stream().anyMatch(r -> r.state() == RecipientState.PENDING)) return "pending";
        if (recipients.stream().anyMatch(QueuedRecipient::owesNotice)) return "bouncing";
        return "done";
    }
}
