package org.postroom.service;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postroom.trace.Event;
import org.postroom.trace.MessageStory;
import org.postroom.trace.TraceReader;

/**
 * "Where did my mail go?" for {@code postroom trace}, {@code /api/v1/trace} and the trace page: the messages that match
 * an address, a Message-ID, a queue id or a client IP, each with its steps and a verdict ({@link TraceReader}).
 */
public final class TraceService {
    private final Path dataDir;
    private final ZoneId zone;
    private final Clock clock;

    public TraceService(Path dataDir, ZoneId zone, Clock clock) {
        this.dataDir = dataDir;
        this.zone = zone;
        this.clock = clock;
    }

    public record StepView(String at, String kind, String door, String messageId, String client, String sender, List<String> addresses,
            Map<String, String> details) {
        public static StepView of(Event e) {
            return new StepView(e.at().toString(), e.kind().name().toLowerCase(Locale.ROOT), e.door(), e.messageId(), e.client(), e.sender(),
                    e.addresses(), e.details());
        }
    }

    public record StoryView(String message, String messageId, String verdict, List<StepView> steps) {
        public static StoryView of(MessageStory s) {
            return new StoryView(s.message(), s.messageId(), s.verdict(), s.steps().stream().map(StepView::of).toList());
        }
    }

    /** The stories themselves (the CLI prints them as text), the most recent first. */
    public List<MessageStory> stories(String query, Duration since, int limit) throws IOException {
        if (query == null || query.isBlank()) throw new IllegalArgumentException("a query is needed: an address, a Message-ID, a queue id or an IP address");
        if (since.isNegative() || since.isZero()) throw new IllegalArgumentException("since must be a positive age such as 30m, 12h or 2d");
        if (limit < 1 || limit > TraceReader.MAX_MESSAGES) throw new IllegalArgumentException("limit must be between 1 and " + TraceReader.MAX_MESSAGES);
        try (TraceReader reader = TraceReader.open(dataDir, zone)) {
            return reader.find(query.strip(), clock.instant().minus(since), limit);
        } catch (SQLException e) {
            throw new IOException("cannot read the trace: " + e.getMessage(), e);
        }
    }

    public List<StoryView> find(String query, Duration since, int limit) throws IOException {
        return stories(query, since, limit).stream().map(StoryView::of).toList();
    }

    private static final java.util.regex.Pattern AGE = java.util.regex.Pattern.compile("([0-9]{1,9})([smhdw])");

    /** An age as the CLI and the API write it: {@code 30m}, {@code 12h}, {@code 2d}, {@code 1w}. */
    public static Duration age(String text, String name) {
        java.util.regex.Matcher m = AGE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException(name + " must be an age such as 30m, 12h or 2d, not \"" + text + "\"");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofDays(n);
        };
    }
}
