package org.postroom.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.postroom.config.TraceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every part of Postroom reports a message's steps. One per running server (passed down, never static).
 * {@link #record} returns at once: the event is written with the next batch. {@link #recordDurably} returns once
 * the events are in the journal (the kernel has them: they survive the process's death), for the steps that must
 * survive a crash once the client was told 250 (docs/architecture.md, "The trace").
 *
 * <p>Listeners ({@link #subscribe}) hear every event as it is recorded, on the recording thread, also when the
 * trace is off: the metrics count from them, so they must be quick and never block.
 */
public final class Trace implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Trace.class);
    /** How long a door waits for its event's batch before it gives up on the trace (and logs it), never on the mail. */
    private static final long DURABLE_PATIENCE_SECONDS = 10;

    private final Clock clock;
    private final TraceSettings settings;
    private final Optional<TraceWriter> writer;
    private final Optional<TraceJournal> journal;
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    private Trace(Clock clock, TraceSettings settings, Optional<TraceWriter> writer, Optional<TraceJournal> journal) {
        this.journal = journal;
        this.clock = clock;
        this.settings = settings;
        this.writer = writer;
    }

    /** The server's trace: {@code data/trace.db}, opened (and made) now, pruned to {@code settings.keep()}. */
    public static Trace open(Path dataDir, TraceSettings settings, Clock clock) throws IOException {
        if (!settings.enabled()) return new Trace(clock, settings, Optional.empty(), Optional.empty());
        java.sql.Connection connection = TraceStore.openForWriting(TraceStore.fileIn(dataDir));
        TraceJournal journal = null;
        try {
            journal = TraceJournal.open(dataDir.resolve(TraceJournal.FILE_NAME));
            // What a crash left in the journal only goes into the database before anything new.
            TraceJournal.Unrecorded missing = journal.unrecorded(TraceStore.journalPoint(connection));
            TraceStore.insert(connection, missing.events(), TraceStore.nextId(connection));
            TraceStore.setJournalPoint(connection, missing.end());
            connection.commit();
            if (!missing.events().isEmpty()) log.info("trace: {} step(s) recorded from the journal after a crash", missing.events().size());
            return new Trace(clock, settings, Optional.of(new TraceWriter(connection, journal, clock, settings.keep())), Optional.of(journal));
        } catch (java.sql.SQLException | IOException | RuntimeException e) {
            try {
                connection.close();
                if (journal != null) journal.close();
            } catch (java.sql.SQLException | IOException ignored) {
                // the first problem is the one to report
            }
            throw new IOException("cannot open the trace in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** A trace that keeps nothing (listeners still hear every event): for tools and tests that need none. */
    public static Trace off(Clock clock) {
        return new Trace(clock, new TraceSettings(false, TraceSettings.DEFAULT.keep(), false), Optional.empty(), Optional.empty());
    }

    /** Where the trace of the data folder {@code dataDir} is kept. */
    public static Path fileIn(Path dataDir) {
        return TraceStore.fileIn(dataDir);
    }

    public Instant now() {
        return clock.instant();
    }

    /** Whether events are written at all ({@code [trace] enabled}). */
    public boolean isRecording() {
        return writer.isPresent();
    }

    /** Whether reads and deletions by a mailbox's owner are recorded ({@code [trace] reads}). */
    public boolean recordsReads() {
        return settings.reads();
    }

    /** Records the event with the next batch, returning at once. */
    public void record(Event event) {
        tell(event);
        writer.ifPresent(w -> w.write(event, -1));
    }

    /**
     * Records the events so that they survive the process's death from the moment this returns: their lines are
     * appended to the journal (one {@code write}, no sync: the kernel has them), then they are queued for the
     * database like any other. Never throws: a trace that cannot be written is logged, and the mail goes on.
     */
    public void recordDurably(List<Event> events) {
        for (Event e : events) tell(e);
        if (writer.isEmpty() || events.isEmpty()) return;
        TraceJournal j = journal.orElseThrow();
        j.lock.lock();
        try {
            long end;
            try {
                end = j.append(events);
            } catch (IOException e) {
                log.error("trace: message {} not journaled: {}", events.getFirst().message(), e.toString());
                end = -1;
            }
            // Queued in the journal's order, under its lock: a batch's journal point never passes an event still waiting.
            for (Event e : events) writer.get().write(e, end);
        } finally {
            j.lock.unlock();
        }
    }

    /**
     * Appends events to the trace of {@code dataDir} from a command that changed mail while no server runs (the
     * server's trace is then not open); nothing when that folder has no trace. Logged, never thrown: the change is done.
     */
    public static void appendOffline(Path dataDir, List<Event> events) {
        Path file = TraceStore.fileIn(dataDir);
        if (events.isEmpty() || !java.nio.file.Files.exists(file)) return;
        try (java.sql.Connection c = TraceStore.openForWriting(file)) {
            // The running server's writer may commit between our read of max(id) and our insert (SQLite then refuses
            // ours, SQLITE_BUSY_SNAPSHOT): read again and retry, a few times.
            for (int attempt = 1; ; attempt++) {
                try {
                    TraceStore.insert(c, events, TraceStore.nextId(c));
                    c.commit();
                    return;
                } catch (java.sql.SQLException e) {
                    c.rollback();
                    if (attempt == 3) throw e;
                }
            }
        } catch (IOException | java.sql.SQLException e) {
            log.warn("trace: {} event(s) not recorded: {}", events.size(), e.toString());
        }
    }

    /** Calls {@code listener} with every event from now on; closing the returned handle stops it. */
    public AutoCloseable subscribe(Consumer<Event> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Removes the events older than {@code [trace] keep} now, instead of at the writer's next round; returns how many. */
    public int pruneNow() {
        if (writer.isEmpty()) return 0;
        try {
            return writer.get().prune().get(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("trace: pruning failed: " + e, e);
        }
    }

    /** Waits until everything recorded so far is on disk: for tests and for a query right after a step. */
    public void flush() {
        if (writer.isEmpty()) return;
        CompletableFuture<Void> done = writer.get().barrier();
        try {
            done.get(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("trace: flush: {}", e.toString());
        }
    }

    /** How many batches were committed so far: each is one sync, shared by every event in it. */
    long commits() {
        return writer.map(TraceWriter::commits).orElse(0L);
    }

    private void tell(Event event) {
        for (Consumer<Event> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.warn("trace: a listener failed on {}: {}", event.kind(), e.toString());
            }
        }
    }

    /** Writes what is queued and closes the database. */
    @Override
    public void close() {
        writer.ifPresent(TraceWriter::close);
        journal.ifPresent(j -> {
            try {
                j.close();
            } catch (IOException e) {
                log.debug("trace: closing the journal: {}", e.toString());
            }
        });
    }
}
