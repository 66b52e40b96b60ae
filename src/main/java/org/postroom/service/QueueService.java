package org.postroom.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.postroom.queue.AdminRequest;
import org.postroom.queue.Diagnosis;
import org.postroom.queue.QueueControl;
import org.postroom.queue.QueueEntry;
import org.postroom.queue.Spool;

/**
 * The outbound queue for the three faces ({@code postroom queue ...}, {@code /api/v1/queue}, the queue page): the
 * listing with its state, attempts, last error and next attempt, one message in full, and the administrator's
 * actions. Reading goes through {@link QueueIndex} (a cached listing: 10,000 queued messages are not 10,000 reads per
 * page); actions go through {@link QueueControl}, which hands them to the running server or, when none runs, carries
 * them out itself. The faces audit who asked; the queue's own trace events say what happened to the message.
 */
public final class QueueService {
    /** How long an action waits for the running server's answer. */
    public static final Duration PATIENCE = Duration.ofSeconds(15);
    /** The most messages one page lists. */
    public static final int MAX_LIMIT = 1000;
    public static final Set<String> STATES = Set.of("held", "deferred", "pending", "bouncing", "done");

    private final Spool spool;
    private final Clock clock;
    private final QueueIndex index;

    public QueueService(Spool spool, Clock clock) {
        this.spool = spool;
        this.clock = clock;
        this.index = new QueueIndex(spool, clock);
    }

    /**
     * Which messages to list: {@code state} one of {@link #STATES}; {@code search} a piece of the id, sender or a
     * recipient (case-insensitive); then {@code limit} of them from {@code offset}, in arrival order.
     */
    public record Query(Optional<String> state, Optional<String> search, int offset, int limit) {
        public Query {
            state = state.map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty());
            search = search.map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty());
            if (state.isPresent() && !STATES.contains(state.get())) {
                throw new IllegalArgumentException("state must be one of " + String.join(", ", STATES.stream().sorted().toList()));
            }
            if (offset < 0) throw new IllegalArgumentException("offset must not be negative");
            if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }

        public static Query all() {
            return new Query(Optional.empty(), Optional.empty(), 0, MAX_LIMIT);
        }
    }

    /** The whole queue in a few numbers: for the page's header and the dashboard. */
    public record Summary(int total, int held, int deferred, int configProblems, String oldest, long oldestAgeSeconds) {}

    /** One page of the listing. */
    public record Page(Summary summary, int matched, int offset, int limit, List<QueueViews.EntryView> messages, List<String> unreadable) {}

    public Page list(Query query) throws IOException {
        QueueIndex.Snapshot s = index.snapshot();
        Instant now = clock.instant();
        Predicate<QueueEntry> wanted = e -> query.state().map(st -> st.equals(e.summaryState())).orElse(true)
                && query.search().map(q -> matches(e, q)).orElse(true);
        List<QueueEntry> matched = s.entries().stream().filter(wanted).toList();
        List<QueueViews.EntryView> page = matched.stream().skip(query.offset()).limit(query.limit()).map(e -> QueueViews.EntryView.of(e, now)).toList();
        return new Page(summary(s, now), matched.size(), query.offset(), query.limit(), page, s.unreadable());
    }

    /** Every queued message as it is now, in arrival order, and the ids whose envelope is unreadable. */
    public record Listing(List<QueueEntry> entries, List<String> unreadable) {}

    /** The whole queue read now (the CLI lists it all). */
    public Listing everything() throws IOException {
        QueueIndex.Snapshot s = index.refresh();
        return new Listing(s.entries(), s.unreadable());
    }

    public Summary summary() throws IOException {
        return summary(index.snapshot(), clock.instant());
    }

    private static Summary summary(QueueIndex.Snapshot s, Instant now) {
        int held = 0;
        int deferred = 0;
        int config = 0;
        Instant oldest = null;
        for (QueueEntry e : s.entries()) {
            if (e.isHeld()) held++;
            else if ("deferred".equals(e.summaryState())) deferred++;
            if (e.lastProblem().map(Diagnosis::configProblem).orElse(false)) config++;
            if (oldest == null || e.created().isBefore(oldest)) oldest = e.created();
        }
        return new Summary(s.entries().size(), held, deferred, config, oldest == null ? null : oldest.toString(),
                oldest == null ? 0 : Duration.between(oldest, now).toSeconds());
    }

    private static boolean matches(QueueEntry e, String q) {
        if (e.id().toLowerCase(Locale.ROOT).contains(q)) return true;
        if (e.sender().map(a -> a.toString().toLowerCase(Locale.ROOT).contains(q)).orElse(false)) return true;
        return e.recipients().stream().anyMatch(r -> r.address().toString().toLowerCase(Locale.ROOT).contains(q));
    }

    /** One message as it is on disk now (not from the cache); empty when it is not queued. */
    public Optional<QueueEntry> find(String id) throws IOException {
        checkId(id);
        return spool.read(id);
    }

    public Optional<QueueViews.EntryDetail> show(String id) throws IOException {
        return find(id).map(e -> QueueViews.EntryDetail.of(e, clock.instant()));
    }

    /** The file that holds the message's bytes (the CLI shows where it is). */
    public java.nio.file.Path messageFile(String id) {
        return spool.messageFile(id);
    }

    /** How an action ended, for the faces to turn into an exit code or an HTTP status. */
    public enum Status { DONE, NO_SUCH, CONFLICT, UNAVAILABLE }

    public record Outcome(Status status, String message, List<String> ids) {
        public boolean ok() {
            return status == Status.DONE;
        }
    }

    /** Hold, release, retry, delete or bounce one message, or every message ({@code id} empty: retry only). */
    public Outcome act(AdminRequest.Action action, Optional<String> id) throws IOException {
        id.ifPresent(QueueService::checkId);
        if (id.isEmpty() && action != AdminRequest.Action.RETRY) throw new IllegalArgumentException("only retry applies to every message");
        AdminRequest.Reply reply = QueueControl.submit(spool, new AdminRequest(action, id), clock, PATIENCE);
        if (id.isPresent()) index.changed(id.get());
        else index.refresh();
        if (reply.ok()) return new Outcome(Status.DONE, reply.message(), reply.ids());
        Status status = reply.message().startsWith("no message") ? Status.NO_SUCH
                : reply.message().contains(" is held") ? Status.CONFLICT : Status.UNAVAILABLE;
        return new Outcome(status, reply.message(), reply.ids());
    }

    private static void checkId(String id) {
        if (!Spool.isValidId(id)) throw new IllegalArgumentException("not a queue id: " + id);
    }
}
