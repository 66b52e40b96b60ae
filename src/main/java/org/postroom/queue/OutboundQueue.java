package org.postroom.queue;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postroom.message.MailAddress;
import org.postroom.store.MessageWriter;

/**
 * The queue as intake sees it: take a message for outside recipients, durably, before the client hears 250.
 * {@link #stage} writes and syncs; the caller delivers the local copies, then commits (or aborts), so that a
 * message for local and outside recipients is either accepted for all of them or for none.
 */
public final class OutboundQueue {
    private final Spool spool;
    private final Clock clock;

    public OutboundQueue(Spool spool, Clock clock) {
        this.spool = spool;
        this.clock = clock;
    }

    public Spool spool() {
        return spool;
    }

    /**
     * One outside recipient.
     *
     * @param address where it goes
     * @param original the address the client wrote, when an alias or group led to {@code address}
     */
    public record Target(MailAddress address, Optional<MailAddress> original) {}

    /**
     * Writes the message and its envelope (not yet visible to the runner). The same outside address reached
     * twice (directly and through an alias) is sent once.
     */
    public Spool.Staged stage(String id, Optional<MailAddress> sender, List<Target> targets, QueueEntry.Kind kind, MessageWriter writer)
            throws IOException {
        Map<MailAddress, Target> unique = new LinkedHashMap<>();
        for (Target t : targets) unique.putIfAbsent(t.address(), t);
        Instant now = clock.instant();
        boolean utf8Addresses = sender.map(OutboundQueue::isUtf8).orElse(false) || unique.keySet().stream().anyMatch(OutboundQueue::isUtf8);
        return spool.stage(id, writer, facts -> {
            List<QueuedRecipient> recipients = new ArrayList<>(unique.size());
            for (Target t : unique.values()) recipients.add(QueuedRecipient.pending(t.address(), t.original(), now));
            return new QueueEntry(id, sender, now, facts.size(), kind, facts.eightBit(), utf8Addresses || facts.utf8Headers(),
                    Optional.empty(), false, recipients);
        });
    }

    private static boolean isUtf8(MailAddress address) {
        return !address.localPart().chars().allMatch(c -> c < 128) || !address.domain().chars().allMatch(c -> c < 128);
    }
}
