package org.postroom.intake;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.postroom.directory.User;
import org.postroom.message.HeaderSummary;
import org.postroom.message.MailAddress;
import org.postroom.message.SpooledMessage;
import org.postroom.store.MaildirStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a received message the rest of the way: checks it for a loop, stamps it, delivers it into every local
 * mailbox it is for (each user once), and logs one line that answers "where did my mail go?".
 */
public final class Intake {
    private static final Logger log = LoggerFactory.getLogger("postroom.mail");

    private final MaildirStore store;
    private final String hostname;
    private final int maxReceivedHeaders;
    private final Clock clock;
    private final MessageIds ids = new MessageIds();

    public Intake(MaildirStore store, String hostname, int maxReceivedHeaders, Clock clock) {
        this.store = store;
        this.hostname = hostname;
        this.maxReceivedHeaders = maxReceivedHeaders;
        this.clock = clock;
    }

    public IntakeResult receive(Envelope envelope, SpooledMessage message, Arrival arrival) {
        String id = ids.next();
        HeaderSummary headers;
        try (InputStream in = new BufferedInputStream(message.open(), 8192)) {
            headers = HeaderSummary.scan(in);
        } catch (IOException e) {
            log.warn("id={} cannot read the received message: {}", id, e.toString());
            return new IntakeResult.StorageFailure(e.toString());
        }
        // RFC 5321 6.3: a message that has passed through too many servers is looping; refuse it.
        if (headers.receivedCount() > maxReceivedHeaders) {
            log.info("id={} from=<{}> refused: mail loop ({} Received headers) client={}", id, sender(envelope),
                    headers.receivedCount(), client(arrival));
            return new IntakeResult.Loop(headers.receivedCount());
        }

        ZonedDateTime now = ZonedDateTime.now(clock);
        Optional<MailAddress> onlyRecipient = envelope.recipients().size() == 1
                ? Optional.of(envelope.recipients().getFirst().address()) : Optional.empty();
        StringBuilder prefix = new StringBuilder(512)
                .append(TraceHeaders.returnPath(envelope.sender()))
                .append(TraceHeaders.received(arrival, hostname, id, onlyRecipient, now));
        if (arrival.submission() && !headers.hasDate()) prefix.append("Date: ").append(TraceHeaders.date(now)).append("\r\n");
        if (arrival.submission() && !headers.hasMessageId()) prefix.append(TraceHeaders.messageId(id, hostname));
        byte[] prefixBytes = TraceHeaders.bytes(prefix.toString());

        Set<MailAddress> mailboxes = new LinkedHashSet<>();
        for (Envelope.Recipient rcpt : envelope.recipients()) {
            for (User user : rcpt.users()) mailboxes.add(user.address());
        }
        try {
            MaildirStore.Delivered stored = store.deliver(mailboxes, out -> {
                out.write(prefixBytes);
                message.copyTo(out);
            });
            logAccepted(id, envelope, arrival, stored.size());
            return new IntakeResult.Accepted(id);
        } catch (IOException e) {
            log.warn("id={} from=<{}> NOT delivered, the client will retry: {} client={}", id, sender(envelope), e.toString(), client(arrival));
            return new IntakeResult.StorageFailure(e.toString());
        }
    }

    private static void logAccepted(String id, Envelope envelope, Arrival arrival, long size) {
        StringBuilder line = new StringBuilder(200).append("id=").append(id)
                .append(" from=<").append(sender(envelope)).append('>')
                .append(" size=").append(size)
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
