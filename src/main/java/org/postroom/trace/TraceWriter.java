package org.postroom.trace;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the trace database: it takes what is waiting and what comes within {@link #LINGER}
 * (up to {@link #MAX_BATCH} events), inserts it in one transaction with the journal point it reaches, and commits
 * (WAL, no sync: the journal is what a crash is recovered from). Every ten minutes it prunes events
 * older than {@code keep}, one small batch between two batches of events, so a prune never holds mail up for
 * longer than one small delete.
 */
final class TraceWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TraceWriter.class);
    static final int MAX_BATCH = 2_000;
    /** Bounded so that a stuck disk holds mail up (the callers wait) instead of filling the heap. */
    private static final int CAPACITY = 100_000;
    private static final int PRUNE_BATCH = 500;
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private sealed interface Job {}
    /** @param journalEnd the journal's offset after this event's line, or -1 when it has none */
    private record Write(Event event, long journalEnd) implements Job {}
    private record Prune(CompletableFuture<Integer> done) implements Job {}
    private record Stop() implements Job {}
    /** Answered once every event queued before it is committed. */
    private record Barrier(CompletableFuture<Void> done) implements Job {}

    /** How long the writer waits for more events before it commits a small batch: nobody waits for the commit. */
    static final Duration LINGER = Duration.ofSeconds(1);

    private final Connection connection;
    private final TraceJournal journal;
    private final Clock clock;
    private final Duration keep;
    private final LinkedBlockingQueue<Job> jobs = new LinkedBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean stopped;
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
    private long nextPrune; // System.nanoTime() when the next scheduled prune starts
    private boolean pruning; // a prune has more batches to go
    private int pruned; // by the prune in progress
    private final List<CompletableFuture<Integer>> pruneWaiters = new ArrayList<>();

    TraceWriter(Connection connection, TraceJournal journal, Clock clock, Duration keep) throws SQLException {
        this.journal = journal;
        this.connection = connection;
        this.clock = clock;
        this.keep = keep;
        this.nextPrune = System.nanoTime();
        this.thread = Thread.ofPlatform().name("trace-writer").daemon().start(this::loop);
    }

    /** Queues the event for the next batch; {@code journalEnd} is the journal's offset after its line, or -1. */
    void write(Event event, long journalEnd) {
        if (stopped) return;
        try {
            jobs.put(new Write(event, journalEnd));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many batches of events were committed (and synced) so far. */
    long commits() {
        return commits.get();
    }

    /** Completes once every event queued so far is committed. */
    CompletableFuture<Void> barrier() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            jobs.put(new Barrier(done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Prunes everything older than {@code keep} now; completes with the number of events removed. */
    CompletableFuture<Integer> prune() {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        try {
            jobs.put(new Prune(done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    private void loop() {
        List<Job> batch = new ArrayList<>(MAX_BATCH);
        boolean running = true;
        while (running) {
            try {
                Job first = jobs.poll(pruning ? 0 : 1, TimeUnit.SECONDS);
                if (first != null) {
                    gather(first, batch);
                    running = process(batch);
                }
                // One small prune batch between two batches of events: a prune never holds mail up for longer.
                if (running && (pruning || System.nanoTime() - nextPrune >= 0)) pruneStep();
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException e) {
                log.error("trace: the writer failed, going on: {}", e.toString(), e);
            } finally {
                batch.clear();
            }
        }
        for (CompletableFuture<Integer> waiter : pruneWaiters) waiter.complete(pruned);
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("trace: closing the database: {}", e.toString());
        }
    }

    /**
     * A batch: what is waiting, and what comes within {@link #LINGER}, up to {@link #MAX_BATCH} events; at once when
     * someone waits for it (a flush, a prune, the stop). Fewer, larger commits write each B-tree page once for many events.
     */
    private void gather(Job first, List<Job> batch) throws InterruptedException {
        batch.add(first);
        jobs.drainTo(batch, MAX_BATCH - 1);
        long deadline = System.nanoTime() + LINGER.toNanos();
        while (batch.size() < MAX_BATCH && batch.stream().allMatch(j -> j instanceof Write)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            Job next = jobs.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) return;
            batch.add(next);
            jobs.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    /** Writes the batch's events in one transaction, then answers the prunes; false after a stop. */
    private boolean process(List<Job> batch) {
        List<Event> events = new ArrayList<>(batch.size());
        long journalPoint = -1;
        for (Job job : batch) {
            if (job instanceof Write w) {
                events.add(w.event());
                journalPoint = Math.max(journalPoint, w.journalEnd());
            }
        }
        if (!events.isEmpty()) {
            // Twice at most: a CLI command may append (Trace.appendOffline) between our read of the ids and our write.
            for (int attempt = 1; attempt <= 2; attempt++) {
                try {
                    writeBatch(events, journalPoint);
                    break;
                } catch (SQLException | java.io.IOException | RuntimeException e) {
                    rollback();
                    if (attempt == 2) log.error("trace: {} event(s) could not be recorded (those of accepted mail stay in the journal): {}",
                            events.size(), e.toString());
                }
            }
        }
        boolean running = true;
        for (Job job : batch) {
            switch (job) {
                case Write w -> { }
                case Prune p -> {
                    pruneWaiters.add(p.done());
                    pruning = true;
                }
                case Barrier b -> b.done().complete(null);
                case Stop s -> running = false;
            }
        }
        return running;
    }

    /**
     * One transaction: the ids are read again first (max(id) is the rowid B-tree's last entry: cheap), because a CLI
     * command run while the server serves appends its audit events to the same file ({@link Trace#appendOffline}).
     */
    private void writeBatch(List<Event> events, long journalPoint) throws SQLException, java.io.IOException {
        TraceStore.insert(connection, events, TraceStore.nextId(connection));
        if (journalPoint >= 0) TraceStore.setJournalPoint(connection, journalPoint);
        connection.commit();
        commits.incrementAndGet();
        if (journalPoint >= 0) journal.rotateIfDone(journalPoint, this::commitJournalPoint);
    }

    private void commitJournalPoint(long point) throws SQLException {
        TraceStore.setJournalPoint(connection, point);
        connection.commit();
    }

    /** One batch of a prune; when none is left, the prune is over: its waiters hear how many went, the next is due later. */
    private void pruneStep() {
        int n = pruneBatch();
        pruned += n;
        pruning = n == PRUNE_BATCH;
        if (pruning) return;
        nextPrune = System.nanoTime() + PRUNE_EVERY.toNanos();
        for (CompletableFuture<Integer> waiter : pruneWaiters) waiter.complete(pruned);
        pruneWaiters.clear();
        pruned = 0;
    }

    private int pruneBatch() {
        try {
            int n = TraceStore.prune(connection, clock.instant().minus(keep), PRUNE_BATCH);
            connection.commit();
            return n;
        } catch (SQLException e) {
            rollback();
            log.warn("trace: pruning old events failed, trying again later: {}", e.toString());
            return 0;
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.debug("trace: rollback: {}", e.toString());
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        if (stopped) return;
        stopped = true;
        try {
            jobs.put(new Stop());
            thread.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
