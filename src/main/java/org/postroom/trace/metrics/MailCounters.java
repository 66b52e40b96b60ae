package org.postroom.trace.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Messages per door ({@code smtp}, {@code submission}, {@code submissions}, {@code collect}, {@code queue} for what
 * leaves) and outcome ({@code accepted}, {@code refused}, {@code delivered}, {@code relayed}, {@code bounced}, ...):
 * {@code postroom_messages_total}. Each count is a {@link LongAdder}, so a busy door never waits for a scrape or for
 * another door.
 */
public final class MailCounters implements MetricSource {
    /** Shown from the start at zero, so that a rate over the first message is right. */
    private static final String[][] PRESET = {
        {"smtp", "accepted"}, {"smtp", "refused"}, {"submission", "accepted"}, {"submission", "refused"},
        {"submissions", "accepted"}, {"submissions", "refused"}, {"collect", "delivered"},
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
                "Messages (refusals: recipients or messages refused) per door and outcome.");
        Map<Key, LongAdder> sorted = new TreeMap<>(counts);
        sorted.forEach((k, n) -> out.sample(n.sum(), "door", k.door(), "outcome", k.outcome()));
    }
}
