package org.postroom.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.postroom.message.MailAddress;
import org.postroom.queue.Diagnosis;
import org.postroom.queue.QueueEntry;
import org.postroom.queue.QueuedRecipient;

/**
 * The JSON shapes of queued mail, shared by {@code postroom queue ... --format json} and {@code /api/v1/queue}: their
 * field names are both faces' interface. Plus the short text forms the CLI and the pages print.
 */
public final class QueueViews {
    private QueueViews() {}

    public record EntryView(String id, String sender, List<String> recipients, long size, String created, long ageSeconds, String state,
            int attempts, String lastError, boolean configProblem, String nextAttempt, String held, String kind) {
        public static EntryView of(QueueEntry e, Instant now) {
            return new EntryView(e.id(), e.sender().map(MailAddress::toString).orElse(""),
                    e.recipients().stream().map(r -> r.address().toString()).toList(), e.size(), e.created().toString(),
                    Duration.between(e.created(), now).toSeconds(), e.summaryState(), e.attempts(),
                    e.lastProblem().map(Diagnosis::toString).orElse(null), e.lastProblem().map(Diagnosis::configProblem).orElse(false),
                    e.isHeld() ? null : e.nextAttempt().map(Instant::toString).orElse(null), e.held().orElse(null),
                    e.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    public record RecipientView(String address, String original, String state, int attempts, String nextAttempt, String lastAttempt,
            String status, String lastReply, String remoteMta, boolean configProblem, boolean notified) {
        public static RecipientView of(QueuedRecipient r) {
            return new RecipientView(r.address().toString(), r.original().map(MailAddress::toString).orElse(null),
                    r.state().name().toLowerCase(java.util.Locale.ROOT), r.attempts(), r.isActive() ? r.nextAttempt().toString() : null,
                    r.lastAttempt().map(Instant::toString).orElse(null), r.last().map(Diagnosis::status).orElse(null),
                    r.last().map(Diagnosis::text).orElse(null), r.last().flatMap(Diagnosis::remoteMta).orElse(null),
                    r.last().map(Diagnosis::configProblem).orElse(false), r.notified());
        }
    }

    public record EntryDetail(EntryView message, boolean eightBit, boolean smtpUtf8, boolean delayNoticeSent, List<RecipientView> recipients) {
        public static EntryDetail of(QueueEntry e, Instant now) {
            return new EntryDetail(EntryView.of(e, now), e.eightBit(), e.smtpUtf8(), e.delayNoticeSent(),
                    e.recipients().stream().map(RecipientView::of).toList());
        }
    }

    /** "45s", "12m", "3h05m", "2d04h". */
    public static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m";
        if (s < 86_400) return (s / 3600) + "h" + String.format("%02dm", s % 3600 / 60);
        return (s / 86_400) + "d" + String.format("%02dh", s % 86_400 / 3600);
    }

    /** A next attempt as "in 4m" or "now". */
    public static String until(Instant when, Instant now) {
        return when.isAfter(now) ? "in " + age(Duration.between(now, when)) : "now";
    }
}
