package org.postroom.trace.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.postroom.trace.Event;

/**
 * Messages per door and outcome, {@code postroom_messages_total}, counted from the trace's events as they are
 * recorded ({@code Trace.subscribe}; listeners hear them with tracing off too): the door is the event's
 * ({@code smtp}, {@code submission}, {@code submissions}, {@code collect}, {@code queue}, {@code notice},
 * {@code admin}, ...), the outcome its kind in lower case ({@code accepted}, {@code refused}, {@code delivered},
 * {@code queued}, {@code relayed}, {@code deferred}, {@code bounced}, ...). A refusal counts once per refused
 * command (a recipient at RCPT, a message at the end of data). Each count is a {@link LongAdder}: a busy door never
 * waits for a scrape or for another door.
 */
public final class MailCounters implements MetricSource, Consumer<Event> {
    /** Shown from the start at zero, so that a rate over the first message is right. */
    private static final String[][] PRESET = {
        {"smtp", "accepted"}, {"smtp", "refused"}, {"submission", "accepted"}, {"submission", "refused"},
        {"submissions", "refused"},
    };

    private record Key(String door, String outcome) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = door.compareTo(o.door);
            return c != 0 ? c : outcome.compareTo(o.outcome);
        }
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

    public MailCounters() {
        for (String[] p : PRESET) counts.put(new Key(p[0], p[1]), new LongAdder());
    }

    @Override
    public void accept(Event event) {
        count(event.door(), event.kind().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** One more message (or, for a refused recipient, one more refusal) at {@code door} with {@code outcome}. */
    public void count(String door, String outcome) {
        counts.computeIfAbsent(new Key(door, outcome), k -> new LongAdder()).increment();
    }

    /** The count so far (tests, the console's dashboard). */
    public long get(String door, String outcome) {
        LongAdder n = counts.get(new Key(door, outcome));
        return n == null ? 0 : n.sum();
    }

    @Override
    public void writeTo(PrometheusText out) {
        out.family("postroom_messages_total", PrometheusText.Type.COUNTER,
                "Steps of messages per door and outcome, as the trace records them (refused: per refused command).");
        Map<Key, LongAdder> sorted = new TreeMap<>(counts);
        sorted.forEach((k, n) -> out.sample(n.sum(), "door", k.door(), "outcome", k.outcome()));
    }
}
