package org.postroom.trace;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.postroom.testing.TestPostroom;

/** Test helper: what the trace of a running test server says, read back as `postroom trace` reads it. */
final class Traces {
    private Traces() {}

    /** Every message the query finds, whatever its age (a test's clock may be anywhere), after the writer caught up. */
    static List<MessageStory> find(TestPostroom postroom, String query) throws Exception {
        postroom.trace().flush();
        return find(postroom.dataDir(), query);
    }

    static List<MessageStory> find(Path dataDir, String query) throws Exception {
        try (TraceReader reader = TraceReader.open(dataDir, ZoneOffset.UTC)) {
            return reader.find(query, Instant.EPOCH, TraceReader.MAX_MESSAGES);
        }
    }

    static List<EventKind> kinds(MessageStory story) {
        return story.steps().stream().map(Event::kind).toList();
    }
}
