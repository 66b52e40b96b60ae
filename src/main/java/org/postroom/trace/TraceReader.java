package org.postroom.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the trace of a data folder, also while the server writes it (a WAL reader sees the last commit and never
 * blocks the writer): the messages a query finds, each with its steps and verdict, and the events behind
 * {@code postroom stats}.
 */
public final class TraceReader implements AutoCloseable {
    /** At most this many messages per query, the most recent first. */
    public static final int MAX_MESSAGES = 100;

    private final Connection connection;
    private final ZoneId zone;

    private TraceReader(Connection connection, ZoneId zone) {
        this.connection = connection;
        this.zone = zone;
    }

    /** @param zone the time zone a verdict's times ("since 09:12") are given in */
    public static TraceReader open(Path dataDir, ZoneId zone) throws IOException {
        return new TraceReader(TraceStore.openForReading(TraceStore.fileIn(dataDir)), zone);
    }

    /**
     * The messages with a step since {@code since} that {@code query} names (an address, a Message-ID with or without
     * angle brackets, a queue id, an SMTP session, a client's IP address), the most recently active first, each
     * with all its steps.
     */
    public List<MessageStory> find(String query, Instant since, int limit) throws SQLException {
        TraceSearch search = TraceSearch.of(query);
        List<String> keys = new ArrayList<>();
        String sql = "SELECT message, max(at) AS last FROM (" + search.pairs() + ") GROUP BY message ORDER BY last DESC LIMIT ?";
        try (PreparedStatement q = connection.prepareStatement(sql)) {
            int i = 1;
            for (Object p : search.parameters(TraceStore.micros(since))) q.setObject(i++, p);
            q.setInt(i, Math.min(limit, MAX_MESSAGES));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) keys.add(r.getString(1));
            }
        }
        List<MessageStory> stories = new ArrayList<>(keys.size());
        try (PreparedStatement q = connection.prepareStatement("SELECT " + TraceStore.COLUMNS + " FROM event WHERE message = ? ORDER BY at, id")) {
            for (String key : keys) {
                q.setString(1, key);
                List<Event> steps = new ArrayList<>();
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) steps.add(TraceStore.read(r));
                }
                stories.add(new MessageStory(key, steps, Verdicts.of(steps, zone)));
            }
        }
        return stories;
    }

    /** Every event of the kinds {@code postroom stats} counts, since {@code since}, oldest first. */
    public List<Event> countedEvents(Instant since) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement("SELECT " + TraceStore.COLUMNS + " FROM event WHERE at >= ? AND kind IN "
                + "('ACCEPTED','REFUSED','DELIVERED','RELAYED','COLLECTED') ORDER BY at")) {
            q.setLong(1, TraceStore.micros(since));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) events.add(TraceStore.read(r));
            }
        }
        return events;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
