package org.postroom.intake;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postroom.directory.User;
import org.postroom.message.HeaderSummary;
import org.postroom.message.MailAddress;
import org.postroom.message.SpooledMessage;
import org.postroom.queue.OutboundQueue;
import org.postroom.queue.QueueEntry;
import org.postroom.queue.Spool;
import org.postroom.store.MaildirStore;
import org.postroom.store.PreparedDelivery;
import org.postroom.trace.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a received message the rest of the way: checks it for a loop, stamps it, delivers it into every local
 * mailbox it is for (each user once), queues it for every outside address it is for, and logs one line that
 * answers "where did my mail go?". Delivery is a transaction: {@link #prepare} writes and syncs a copy for each
 * target, visible in none; {@link Delivery#commit} makes them visible, {@link Delivery#abort} drops them. A door
 * calls {@link #receive}, which does both; the collector records the delivery in between.
 */
public final class Intake {
    private static final Logger log = LoggerFactory.getLogger("postroom.mail");

    private final MaildirStore store;
    private final Optional<OutboundQueue> queue;
    private final String hostname;
    private final int maxReceivedHeaders;
    private final Clock clock;
    private final Trace trace;
    private final MessageIds ids = new MessageIds();

    /** Intake for a server without outbound mail. */
    public Intake(MaildirStore store, String hostname, int maxReceivedHeaders, Clock clock) {
        this(store, Optional.empty(), hostname, maxReceivedHeaders, clock);
    }

    /** @param queue where messages for outside recipients go (present when a smarthost is configured) */
    public Intake(MaildirStore store, Optional<OutboundQueue> queue, String hostname, int maxReceivedHeaders, Clock clock) {
        this(store, queue, hostname, maxReceivedHeaders, clock, Trace.off(clock));
    }

    /** @param trace where each accepted message's first steps are recorded, durably before the door says 250 */
    public Intake(MaildirStore store, Optional<OutboundQueue> queue, String hostname, int maxReceivedHeaders, Clock clock, Trace trace) {
        this.trace = trace;
        this.store = store;
        this.queue = queue;
        this.hostname = hostname;
        this.maxReceivedHeaders = maxReceivedHeaders;
        this.clock = clock;
    }

    /** The trace every door records its steps in (also the doors' refusals, which never reach intake). */
    public Trace trace() {
        return trace;
    }

    public IntakeResult receive(Envelope envelope, SpooledMessage message, Arrival arrival) {
        return receive(envelope, message, arrival, QueueEntry.Kind.MESSAGE);
    }

    /**
     * Delivers to the local mailboxes and queues for the outside recipients; durable in both places when it
     * returns {@link IntakeResult.Accepted}. {@code kind} says whether this is one of Postroom's own notices.
     */
    public IntakeResult receive(Envelope envelope, SpooledMessage message, Arrival arrival, QueueEntry.Kind kind) {
        return switch (prepare(envelope, message, arrival, kind)) {
            case Delivery delivery -> {
                try {
                    yield delivery.commit();
                } catch (IOException | RuntimeException e) {
                    delivery.abort();
                    log.warn("id={} from=<{}> NOT accepted, the client will retry: {} client={}", delivery.id, sender(envelope), e.toString(),
                            client(arrival));
                    yield new IntakeResult.StorageFailure(e.toString());
                }
            }
            case IntakeResult.Loop loop -> loop;
            case IntakeResult.StorageFailure failure -> failure;
        };
    }

    /**
     * The first half of {@link #receive}, for a caller that records the delivery before it is committed (the
     * collector, in its ledger): checks the message, writes it to every target and syncs it, visible nowhere yet.
     * The caller then commits the {@link Delivery}, or aborts it.
     */
    public Preparation prepare(Envelope envelope, SpooledMessage message, Arrival arrival) {
        return prepare(envelope, message, arrival, QueueEntry.Kind.MESSAGE);
    }

    private Preparation prepare(Envelope envelope, SpooledMessage message, Arrival arrival, QueueEntry.Kind kind) {
        String id = ids.next();
        HeaderSummary headers;
        try (InputStream in = message.open()) { // the scanner reads in blocks of its own
            headers = HeaderSummary.scan(in);
        } catch (IOException e) {
            log.warn("id={} cannot read the received message: {}", id, e.toString());
            return new IntakeResult.StorageFailure(e.toString());
        }
        if (isLooping(headers.receivedCount())) {
            log.info("id={} from=<{}> refused: mail loop ({} Received headers) client={}", id, sender(envelope),
                    headers.receivedCount(), client(arrival));
            return new IntakeResult.Loop(headers.receivedCount());
        }

        ZonedDateTime now = ZonedDateTime.now(clock);
        Optional<MailAddress> onlyRecipient = envelope.recipients().size() == 1
                ? Optional.of(envelope.recipients().getFirst().address()) : Optional.empty();
        StringBuilder trace = new StringBuilder(512).append(TraceHeaders.received(arrival, hostname, id, onlyRecipient, now));
        if (arrival.submission() && !headers.hasDate()) trace.append("Date: ").append(TraceHeaders.date(now)).append("\r\n");
        if (arrival.submission() && !headers.hasMessageId()) trace.append(TraceHeaders.messageId(id, hostname));
        // RFC 5321 4.4: Return-Path is added at final delivery only, never on mail that is relayed onwards.
        byte[] localPrefix = TraceHeaders.bytes(TraceHeaders.returnPath(envelope.sender()) + trace);
        byte[] relayPrefix = TraceHeaders.bytes(trace.toString());

        Set<MailAddress> mailboxes = new LinkedHashSet<>();
        List<OutboundQueue.Target> outside = new ArrayList<>();
        for (Envelope.Recipient rcpt : envelope.recipients()) {
            for (User user : rcpt.users()) mailboxes.add(user.address());
            for (MailAddress remote : rcpt.remote()) {
                outside.add(new OutboundQueue.Target(remote, remote.equals(rcpt.address()) ? Optional.empty() : Optional.of(rcpt.address())));
            }
        }
        Spool.Staged staged = null;
        try {
            if (mailboxes.isEmpty() && outside.isEmpty()) throw new IllegalArgumentException("no recipients");
            // The queue copy first, then the local copy: each written and synced, neither visible before the commit,
            // which links the local copies before it renames the queue copy: the client hears 250 only when both exist.
            if (!outside.isEmpty()) {
                if (queue.isEmpty()) throw new IOException("no outbound queue for outside recipients");
                staged = queue.get().stage(id, envelope.sender(), outside, kind, out -> {
                    out.write(relayPrefix);
                    message.copyTo(out);
                });
            }
            Optional<PreparedDelivery> local = Optional.empty();
            if (!mailboxes.isEmpty()) {
                local = Optional.of(store.prepare(mailboxes, out -> {
                    out.write(localPrefix);
                    message.copyTo(out);
                }));
            }
            return new Delivery(id, envelope, arrival, local, Optional.ofNullable(staged), headers.messageId());
        } catch (IOException | RuntimeException e) {
            if (staged != null) staged.abort();
            log.warn("id={} from=<{}> NOT accepted, the client will retry: {} client={}", id, sender(envelope), e.toString(), client(arrival));
            return new IntakeResult.StorageFailure(e.toString());
        }
    }

    /**
     * One message written and synced for every target (the local mailboxes' {@link PreparedDelivery}, the queue's
     * {@link Spool.Staged}) and visible in none: {@link #commit} makes it delivered and queued, {@link #abort} drops
     * it. Between the two the caller may record it.
     */
    public final class Delivery implements Preparation {
        private final String id;
        private final Envelope envelope;
        private final Arrival arrival;
        private final Optional<PreparedDelivery> local;
        private final Optional<Spool.Staged> queued;
        private final String messageId;

        private Delivery(String id, Envelope envelope, Arrival arrival, Optional<PreparedDelivery> local, Optional<Spool.Staged> queued,
                String messageId) {
            this.id = id;
            this.envelope = envelope;
            this.arrival = arrival;
            this.local = local;
            this.queued = queued;
            this.messageId = messageId;
        }

        /** The message's id: in its Received header, the log line and the queue. */
        public String id() {
            return id;
        }

        /** The local copy as a caller records it, to finish it after a crash ({@link PreparedDelivery#filing}). */
        public Optional<PreparedDelivery.Filing> localFiling() {
            return local.map(PreparedDelivery::filing);
        }

        /**
         * Links the local copies into the mailboxes (synced), then renames the queue copy into the queue: the door
         * may say 250 when it returns. When it throws, the caller aborts, unless it recorded {@link #localFiling()}
         * (the record then finishes the delivery).
         */
        public IntakeResult.Accepted commit() throws IOException {
            java.time.Instant at = clock.instant(); // before the queue runner, which may start sending at the rename, records its steps
            if (local.isPresent()) local.get().commit();
            if (queued.isPresent()) queued.get().commit();
            long size = local.isPresent() ? local.get().size() : queued.orElseThrow().entry().size();
            logAccepted(id, envelope, arrival, size, messageId);
            // Synced before the door says 250 (or the collector deletes it at the provider): the trace of a message
            // it was told is accepted survives a crash (docs/architecture.md, "The trace").
            trace.recordDurably(AcceptedEvents.of(at, id, envelope, arrival, size, messageId));
            return new IntakeResult.Accepted(id);
        }

        /** Drops whatever is not committed yet. */
        public void abort() {
            local.ifPresent(PreparedDelivery::abort);
            queued.ifPresent(Spool.Staged::abort);
        }
    }

    /**
     * RFC 5321 6.3: a message that has passed through too many servers is looping; {@link #receive} refuses it. The
     * collector asks first, so that such a message goes to its unresolved destination instead of stopping a cycle.
     */
    public boolean isLooping(int receivedCount) {
        return receivedCount > maxReceivedHeaders;
    }

    private static void logAccepted(String id, Envelope envelope, Arrival arrival, long size, String messageId) {
        StringBuilder line = new StringBuilder(200).append("id=").append(id)
                .append(" from=<").append(sender(envelope)).append('>')
                .append(" size=").append(size)
                .append(" message-id=").append(messageId.isEmpty() ? "none" : messageId)
                .append(" client=").append(client(arrival))
                .append(" proto=").append(arrival.protocol());
        arrival.tls().ifPresent(tls -> line.append(" tls=\"").append(tls).append('"'));
        arrival.authenticatedAs().ifPresent(login -> line.append(" auth=").append(login));
        for (Envelope.Recipient rcpt : envelope.recipients()) {
            line.append(" to=<").append(rcpt.address()).append("> delivered=");
            boolean first = true;
            for (User user : rcpt.users()) {
                line.append(first ? "" : ",").append(user.address());
                first = false;
            }
            if (!rcpt.remote().isEmpty()) {
                line.append(" queued=");
                first = true;
                for (MailAddress remote : rcpt.remote()) {
                    line.append(first ? "" : ",").append(remote);
                    first = false;
                }
            }
        }
        log.info(line.toString());
    }

    private static String sender(Envelope envelope) {
        return envelope.sender().map(MailAddress::toString).orElse("");
    }

    private static String client(Arrival arrival) {
        return arrival.clientName() + "[" + arrival.clientAddress().getHostAddress() + "]";
    }
}
