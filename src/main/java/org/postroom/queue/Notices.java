package org.postroom.queue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.postroom.message.DeliveryReport;
import org.postroom.message.MailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and sends the queue's notices (RFC 3464): a bounce to the sender for recipients that failed, one
 * "delayed" notice when a message is late, and a notice to the postmaster when a failure cannot be returned.
 *
 * <p>Never a loop: a message with the null sender gets no bounce (RFC 5321 4.5.5); its failure, like the failure
 * of a bounce Postroom wrote, goes to the postmaster once; a failed postmaster notice is only logged.
 */
final class Notices {
    private static final Logger log = LoggerFactory.getLogger("postroom.mail");

    /** What became of a notice: the recipients it covered count as told, or it must be tried again later. */
    enum Result { TOLD, TRY_LATER }

    private final Spool spool;
    private final NoticeSender sender;
    private final RetrySchedule schedule;
    private final String hostname;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    Notices(Spool spool, NoticeSender sender, RetrySchedule schedule, String hostname, Clock clock) {
        this.spool = spool;
        this.sender = sender;
        this.schedule = schedule;
        this.hostname = hostname;
        this.clock = clock;
    }

    /** Reports failed recipients to whoever should hear of them. */
    Result failed(QueueEntry entry, List<QueuedRecipient> failed) {
        List<DeliveryReport.Recipient> report = failed.stream().map(r -> reportOf(entry, r, DeliveryReport.Action.FAILED)).toList();
        if (entry.kind() == QueueEntry.Kind.MESSAGE && entry.sender().isPresent()) {
            MailAddress to = entry.sender().get();
            switch (send(entry, DeliveryReport.Audience.SENDER, to, report, QueueEntry.Kind.NOTICE)) {
                case NoticeSender.Result.Sent sent -> {
                    log.info("id={} bounce id={} to=<{}> for {} recipient(s)", entry.id(), sent.id(), to, failed.size());
                    return Result.TOLD;
                }
                case NoticeSender.Result.TryLater later -> {
                    log.warn("id={} bounce to <{}> not stored now, will try again: {}", entry.id(), to, later.reason());
                    return Result.TRY_LATER;
                }
                case NoticeSender.Result.Refused refused ->
                        log.info("id={} bounce to <{}> refused ({}); telling the postmaster", entry.id(), to, refused.reason());
            }
        }
        if (entry.kind() == QueueEntry.Kind.POSTMASTER_NOTICE) {
            log.warn("id={} a postmaster notice could not be delivered; dropped (no further notice): {}", entry.id(),
                    failed.stream().map(r -> r.address() + ": " + r.last().map(Diagnosis::toString).orElse("")).toList());
            return Result.TOLD;
        }
        return toPostmaster(entry, report);
    }

    /** Tells the sender once that a message is late (RFC 3464 Action: delayed). */
    Result delayed(QueueEntry entry, List<QueuedRecipient> late) {
        if (entry.kind() != QueueEntry.Kind.MESSAGE || entry.sender().isEmpty() || late.isEmpty()) return Result.TOLD;
        MailAddress to = entry.sender().get();
        List<DeliveryReport.Recipient> report = late.stream().map(r -> reportOf(entry, r, DeliveryReport.Action.DELAYED)).toList();
        return switch (send(entry, DeliveryReport.Audience.SENDER, to, report, QueueEntry.Kind.NOTICE)) {
            case NoticeSender.Result.Sent sent -> {
                log.info("id={} delay notice id={} to=<{}> for {} recipient(s)", entry.id(), sent.id(), to, late.size());
                yield Result.TOLD;
            }
            case NoticeSender.Result.TryLater later -> Result.TRY_LATER;
            case NoticeSender.Result.Refused refused -> {
                log.info("id={} delay notice to <{}> refused ({}); not sent", entry.id(), to, refused.reason());
                yield Result.TOLD;
            }
        };
    }

    private Result toPostmaster(QueueEntry entry, List<DeliveryReport.Recipient> report) {
        MailAddress postmaster;
        try {
            postmaster = sender.postmaster();
        } catch (RuntimeException e) {
            log.warn("id={} no postmaster to tell of undeliverable mail: {}", entry.id(), e.toString());
            return Result.TOLD;
        }
        return switch (send(entry, DeliveryReport.Audience.POSTMASTER, postmaster, report, QueueEntry.Kind.POSTMASTER_NOTICE)) {
            case NoticeSender.Result.Sent sent -> {
                log.info("id={} postmaster notice id={} to=<{}>", entry.id(), sent.id(), postmaster);
                yield Result.TOLD;
            }
            case NoticeSender.Result.TryLater later -> Result.TRY_LATER;
            case NoticeSender.Result.Refused refused -> {
                log.warn("id={} postmaster notice to <{}> refused ({}); dropped", entry.id(), postmaster, refused.reason());
                yield Result.TOLD;
            }
        };
    }

    private NoticeSender.Result send(QueueEntry entry, DeliveryReport.Audience audience, MailAddress to,
            List<DeliveryReport.Recipient> recipients, QueueEntry.Kind kind) {
        byte[] headers;
        try (InputStream in = spool.openMessage(entry)) {
            headers = DeliveryReport.readHeaderSection(in);
        } catch (IOException e) {
            headers = ("X-Postroom-Note: the original message could not be read: " + e.getClass().getSimpleName() + "\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        DeliveryReport report = new DeliveryReport(hostname, entry.id(), audience, entry.sender(), to, entry.created(), recipients, headers);
        Instant now = clock.instant();
        String messageId = entry.id() + "." + now.toEpochMilli() + "." + sequence.incrementAndGet() + ".notice@" + hostname;
        return sender.send(to, report.toMessage(now, clock.getZone(), messageId), kind);
    }

    private DeliveryReport.Recipient reportOf(QueueEntry entry, QueuedRecipient r, DeliveryReport.Action action) {
        Optional<Diagnosis> last = r.last();
        String status = last.map(Diagnosis::status).orElse(action == DeliveryReport.Action.DELAYED ? "4.0.0" : "5.0.0");
        Optional<String> code = last.filter(Diagnosis::smtpReply).map(Diagnosis::text);
        String explanation = explain(entry, r, action, last);
        return new DeliveryReport.Recipient(r.address(), r.original(), action, status, last.flatMap(Diagnosis::remoteMta), code,
                r.lastAttempt(), action == DeliveryReport.Action.DELAYED ? Optional.of(schedule.giveUpAt(entry.created())) : Optional.empty(),
                explanation);
    }

    private String explain(QueueEntry entry, QueuedRecipient r, DeliveryReport.Action action, Optional<Diagnosis> last) {
        String what = last.map(Diagnosis::toString).orElse("no attempt was made");
        if (action == DeliveryReport.Action.DELAYED) return "not delivered yet; the last attempt said: " + what;
        if (last.isPresent() && !last.get().isPermanent()) {
            Duration age = Duration.between(entry.created(), r.lastAttempt().orElse(clock.instant()));
            return "Postroom gave up after " + age.toHours() + " hours of trying; the last attempt said: " + what;
        }
        return what;
    }
}
