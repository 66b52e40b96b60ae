package org.postroom.service;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.postroom.trace.Statistics;
import org.postroom.trace.TraceReader;

/**
 * Mail statistics for {@code postroom stats}, {@code /api/v1/stats} and the dashboard: in, out, local, collected and
 * refused per day and per hour of the last day, per user, and the queue's size ({@link Statistics} over the trace).
 * The server's console keeps each answer for {@link #FRESH} (the dashboard asks on every load; the counts move
 * slowly); the CLI asks once.
 */
public final class StatsService {
    static final Duration FRESH = Duration.ofSeconds(10);

    private final Path dataDir;
    private final ZoneId zone;
    private final Clock clock;
    private final QueueService queue;
    private final Map<Integer, Cached> cache = new ConcurrentHashMap<>();
    private final java.util.Set<Integer> counting = ConcurrentHashMap.newKeySet();

    private record Cached(Instant at, StatsView view) {}

    public StatsService(Path dataDir, ZoneId zone, Clock clock, QueueService queue) {
        this.dataDir = dataDir;
        this.zone = zone;
        this.clock = clock;
        this.queue = queue;
    }

    /** The CLI's {@code --format json} shape, and the API's. */
    public record StatsView(int queued, List<Statistics.Period> days, List<Statistics.Period> hours, Map<String, Statistics.User> users) {}

    /**
     * The statistics of the last {@code days} days. A known answer older than {@link #FRESH} is still given at once,
     * while one background count replaces it (a page load never waits for a count of 30 days of events but the first).
     */
    public StatsView stats(int days) throws IOException {
        if (days < 1 || days > 3650) throw new IllegalArgumentException("days must be between 1 and 3650");
        Cached known = cache.get(days);
        if (known == null) return count(days);
        if (Duration.between(known.at(), clock.instant()).compareTo(FRESH) >= 0 && counting.add(days)) {
            Thread.ofVirtual().name("stats-" + days).start(() -> {
                try {
                    count(days);
                } catch (IOException | RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(StatsService.class).warn("console: counting statistics: {}", e.toString());
                } finally {
                    counting.remove(days);
                }
            });
        }
        return known.view();
    }

    /** Counts now (the CLI, and the first time in the server). */
    private StatsView count(int days) throws IOException {
        Instant now = clock.instant();
        Statistics stats;
        try (TraceReader reader = TraceReader.open(dataDir, zone)) {
            Instant since = now.atZone(zone).toLocalDate().minusDays(days - 1L).atStartOfDay(zone).toInstant();
            if (since.isAfter(now.minus(Duration.ofDays(1)))) since = now.minus(Duration.ofDays(1)); // the hours of the last day
            stats = Statistics.of(reader.countedEvents(since), days, now, zone);
        } catch (SQLException e) {
            throw new IOException("cannot read the trace: " + e.getMessage(), e);
        }
        StatsView view = new StatsView(queue.summary().total(), stats.days(), stats.hours(), stats.users());
        cache.put(days, new Cached(now, view));
        return view;
    }
}
