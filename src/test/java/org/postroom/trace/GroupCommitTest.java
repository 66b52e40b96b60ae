package org.postroom.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.TraceSettings;

/**
 * The journal and the writer's batches: many doors recording at once find their steps in the journal when they go
 * on and share the database's commits; steps only in the journal after a crash are taken at the next start; listeners
 * hear every event, also with the trace off.
 */
class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void concurrentDurableRecordsAreJournaledWhenTheyReturnAndShareCommits() throws Exception {
        int doors = 200;
        List<Event> heard = new CopyOnWriteArrayList<>();
        Path journal = dir.resolve(TraceJournal.FILE_NAME);
        try (Trace trace = Trace.open(dir, new TraceSettings(true, Duration.ofDays(30), false), Clock.systemUTC())) {
            trace.subscribe(heard::add);
            List<Thread> threads = new ArrayList<>();
            List<String> notJournaled = new CopyOnWriteArrayList<>();
            for (int i = 0; i < doors; i++) {
                String key = "M" + i;
                threads.add(Thread.ofVirtual().start(() -> {
                    trace.recordDurably(List.of(new Event(trace.now(), EventKind.ACCEPTED, "smtp", key, key + "@x", "127.0.0.1", "a@x",
                            List.of("b@x"), Map.of())));
                    try { // in the kernel's hands once recordDurably returns: another reader of the file sees it
                        if (!Files.readString(journal).contains("\"message\":\"" + key + "\"")) notJournaled.add(key);
                    } catch (Exception e) {
                        notJournaled.add(key + ": " + e);
                    }
                }));
            }
            for (Thread t : threads) t.join();
            assertThat(notJournaled).isEmpty();
            trace.flush();
            for (int i = 0; i < doors; i++) assertThat(Traces.find(dir, "M" + i)).hasSize(1);
            assertThat(trace.commits()).as("commits for %d doors at once", doors).isLessThan(doors);
        }
        assertThat(heard).hasSize(doors);
    }

    @Test
    void stepsOnlyInTheJournalAfterACrashAreRecordedAtTheNextStartAndACutLineIsDropped() throws Exception {
        TraceSettings settings = new TraceSettings(true, Duration.ofDays(30), false);
        try (Trace trace = Trace.open(dir, settings, Clock.systemUTC())) {
            trace.recordDurably(List.of(Event.of(trace.now(), EventKind.ACCEPTED, "smtp", "BEFORE", List.of("a@x"), Map.of())));
            trace.flush();
        }
        // What a kill leaves: lines past the database's point, the last one cut short in its write.
        String line = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(TraceJournal.Line.of(
                Event.of(java.time.Instant.now(), EventKind.ACCEPTED, "smtp", "CRASHED", List.of("a@x"), Map.of())));
        Path journal = dir.resolve(TraceJournal.FILE_NAME);
        Files.writeString(journal, line + "\n" + line.substring(0, 20), java.nio.file.StandardOpenOption.APPEND);
        try (Trace trace = Trace.open(dir, settings, Clock.systemUTC())) {
            assertThat(Traces.find(dir, "CRASHED")).hasSize(1);
            assertThat(Traces.find(dir, "BEFORE")).hasSize(1);
            assertThat(Files.readString(journal)).endsWith("\n");
        }
        try (Trace trace = Trace.open(dir, settings, Clock.systemUTC())) { // and only once
            assertThat(Traces.find(dir, "a@x")).hasSize(2);
        }
    }

    @Test
    void aTraceThatIsOffStillTellsItsListeners() {
        List<Event> heard = new ArrayList<>();
        Trace off = Trace.off(Clock.systemUTC());
        off.subscribe(heard::add);
        off.record(Event.of(off.now(), EventKind.REFUSED, "smtp", "s1", List.of("ghost@x"), Map.of()));
        off.recordDurably(List.of(Event.of(off.now(), EventKind.ACCEPTED, "smtp", "M1", List.of(), Map.of())));
        assertThat(heard).extracting(Event::kind).containsExactly(EventKind.REFUSED, EventKind.ACCEPTED);
        assertThat(off.isRecording()).isFalse();
    }

    @Test
    void queriesAreToldApartByTheirShape() {
        assertThat(TraceSearch.of("<a@b>")).isEqualTo(new TraceSearch(TraceSearch.Kind.MESSAGE_ID, "a@b"));
        assertThat(TraceSearch.of("192.0.2.10").kind()).isEqualTo(TraceSearch.Kind.CLIENT);
        assertThat(TraceSearch.of("2001:db8::1").kind()).isEqualTo(TraceSearch.Kind.CLIENT);
        assertThat(TraceSearch.of("alice@office.test").kind()).isEqualTo(TraceSearch.Kind.ADDRESS_OR_MESSAGE_ID);
        assertThat(TraceSearch.of("1NM3Q8KXB2F").kind()).isEqualTo(TraceSearch.Kind.KEY_OR_MESSAGE_ID);
        assertThat(TraceSearch.of(" alice@office.test ").value()).isEqualTo("alice@office.test");
    }
}
