package org.postroom.trace.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.postroom.queue.QueueEntry;
import org.postroom.queue.Spool;

/**
 * The outbound queue at scrape time: how many messages wait, and how long the oldest has waited. The spool lists its
 * ids in arrival order, so only the first readable envelope is opened, whatever the queue's length.
 */
public final class QueueGauges implements MetricSource {
    /** Damaged envelopes skipped before giving up on the age (they are set aside by the runner anyway). */
    private static final int MAX_UNREADABLE = 10;

    private final Spool spool;
    private final Clock clock;

    public QueueGauges(Spool spool, Clock clock) {
        this.spool = spool;
        this.clock = clock;
    }

    @Override
    public void writeTo(PrometheusText out) {
        List<String> ids;
        try {
            ids = spool.ids();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double oldest = 0;
        for (int i = 0; i < Math.min(ids.size(), MAX_UNREADABLE); i++) {
            Optional<QueueEntry> entry = read(ids.get(i));
            if (entry.isPresent()) {
                oldest = Math.max(0, Duration.between(entry.get().created(), clock.instant()).toMillis() / 1000.0);
                break;
            }
        }
        out.family("postroom_queue_messages", PrometheusText.Type.GAUGE, "Messages in the outbound queue, held ones included.");
        out.sample(ids.size());
        out.family("postroom_queue_oldest_age_seconds", PrometheusText.Type.GAUGE, "How long the oldest queued message has waited (0: empty).");
        out.sample(oldest);
    }

    private Optional<QueueEntry> read(String id) {
        try {
            return spool.read(id);
        } catch (IOException | RuntimeException e) { // delivered meanwhile, or damaged: the next one
            return Optional.empty();
        }
    }
}
