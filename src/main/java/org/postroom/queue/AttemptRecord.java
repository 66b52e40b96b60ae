package org.postroom.queue;

import java.time.Instant;
import java.util.List;
import org.postroom.message.MailAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;
import org.postroom.trace.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an attempt's outcomes do to a message's recipients, and the log line each gets. A pure step of {@link QueueRunner}. */
final class AttemptRecord {
    private static final Logger mail = LoggerFactory.getLogger("postroom.mail");

    private AttemptRecord() {}

    /**
     * Applies the outcomes of an attempt to the recipients it covered (unless the administrator settled them meanwhile):
     * delivered, failed, or deferred to the schedule's next attempt (failed once the lifetime is over).
     */
    static QueueEntry apply(QueueEntry entry, List<MailAddress> attempted, List<DeliveryAgent.Outcome> outcomes, Instant now,
            RetrySchedule schedule, Trace trace) {
        return entry.mapRecipients(r -> {
            int i = attempted.indexOf(r.address());
            if (i < 0 || !r.isActive()) return r;
            DeliveryAgent.Outcome outcome = outcomes.get(i);
            Diagnosis d = outcome.diagnosis();
            QueuedRecipient next = switch (outcome) {
                case DeliveryAgent.Outcome.Delivered delivered -> r.delivered(now, d);
                case DeliveryAgent.Outcome.Failed failed -> r.failed(now, d);
                case DeliveryAgent.Outcome.Deferred deferred -> schedule.expired(entry.created(), now)
                        ? r.failed(now, d)
                        : r.deferred(now, d, nextAttempt(r, schedule, now));
            };
            String status = switch (outcome) {
                case DeliveryAgent.Outcome.Delivered delivered -> "sent";
                case DeliveryAgent.Outcome.Failed failed -> "bounced";
                case DeliveryAgent.Outcome.Deferred deferred -> next.state() == RecipientState.FAILED ? "expired" : "deferred";
            };
            mail.info("id={} to=<{}> status={} attempts={} ({}){}", entry.id(), r.address(), status, next.attempts(), d,
                    next.state() == RecipientState.DEFERRED ? " next=" + next.nextAttempt() : "");
            trace.record(event(entry.id(), r.address(), status, next, d, now));
            return next;
        });
    }

    /** The trace's step for a delay notice sent to the sender about the {@code late} recipients. */
    static Event delayNotice(QueueEntry entry, List<QueuedRecipient> late, Instant now) {
        return Event.of(now, EventKind.DELAY_NOTICE, "queue", entry.id(), late.stream().map(r -> r.address().toString()).toList(),
                Map.of("to", entry.sender().map(MailAddress::toString).orElse("")));
    }

    /** The attempt as the trace keeps it: the smarthost, its reply (or Postroom's finding), and the next attempt. */
    private static Event event(String id, MailAddress to, String status, QueuedRecipient next, Diagnosis d, Instant now) {
        EventKind kind = switch (status) {
            case "sent" -> EventKind.RELAYED;
            case "bounced" -> EventKind.BOUNCED;
            case "expired" -> EventKind.EXPIRED;
            default -> EventKind.DEFERRED;
        };
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reply", d.text());
        details.put("status", d.status());
        d.remoteMta().ifPresent(m -> details.put("smarthost", m));
        details.put("attempts", Integer.toString(next.attempts()));
        if (d.configProblem()) details.put("config_problem", "true");
        if (next.state() == RecipientState.DEFERRED) details.put("next", next.nextAttempt().toString());
        return Event.of(now, kind, "queue", id, List.of(to.toString()), details);
    }

    /**
     * The schedule's next attempt; but a recipient tried before it was due (a manual retry, a reload) keeps the time it
     * had when that is sooner, so asking for a retry never pushes the automatic schedule further out.
     */
    static Instant nextAttempt(QueuedRecipient r, RetrySchedule schedule, Instant now) {
        Instant scheduled = schedule.nextAttempt(now, r.attempts() + 1);
        return r.nextAttempt().isAfter(now) && r.nextAttempt().isBefore(scheduled) ? r.nextAttempt() : scheduled;
    }
}
