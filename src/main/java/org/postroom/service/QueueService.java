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
    private final Audit audit;

    public QueueService(Spool spool, Clock clock, Audit audit) {
        this.spool = spool;
        this.clock = clock;
        this.audit = audit;
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
        Predicate<QueueIndex.Item> wanted = i -> query.state().map(st -> st.equals(i.state())).orElse(true)
                && query.search().map(q -> i.searchText().contains(q)).orElse(true);
        List<QueueIndex.Item> matched = query.state().isEmpty() && query.search().isEmpty() ? s.items() : s.items().stream().filter(wanted).toList();
        List<QueueViews.EntryView> page = matched.stream().skip(query.offset()).limit(query.limit())
                .map(i -> QueueViews.EntryView.of(i.entry(), now)).toList();
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

    /** The counts of one snapshot, made once: a page load over 10,000 messages does not count them again. */
    private record Counted(QueueIndex.Snapshot of, int held, int deferred, int config, Instant oldest) {}

    private volatile Counted counted;

    private Summary summary(QueueIndex.Snapshot s, Instant now) {
        Counted c = counted;
        if (c == null || c.of() != s) {
            c = count(s);
            counted = c;
        }
        return new Summary(s.items().size(), c.held(), c.deferred(), c.config(), c.oldest() == null ? null : c.oldest().toString(),
                c.oldest() == null ? 0 : Duration.between(c.oldest(), now).toSeconds());
    }

    private static Counted count(QueueIndex.Snapshot s) {
        int held = 0;
        int deferred = 0;
        int config = 0;
        Instant oldest = null;
        for (QueueIndex.Item i : s.items()) {
            QueueEntry e = i.entry();
            if (e.isHeld()) held++;
            else if ("deferred".equals(i.state())) deferred++;
            if (e.lastProblem().map(Diagnosis::configProblem).orElse(false)) config++;
            if (oldest == null || e.created().isBefore(oldest)) oldest = e.created();
        }
        return new Counted(s, held, deferred, config, oldest);
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

    /**
     * Hold, release, retry, delete or bounce one message, or every message ({@code id} empty: retry only), for
     * {@code actor} (the signed-in admin's address, or the CLI's user): recorded in the audit trail as
     * {@code queue.hold} and so on, with how it ended.
     */
    public Outcome act(String actor, AdminRequest.Action action, Optional<String> id) throws IOException {
        String name = "queue." + action.name().toLowerCase(Locale.ROOT);
        String target = id.orElse("all");
        try {
            id.ifPresent(QueueService::checkId);
            if (id.isEmpty() && action != AdminRequest.Action.RETRY) throw new IllegalArgumentException("only retry applies to every message");
        } catch (IllegalArgumentException e) {
            audit.record(actor, name, target, Audit.Outcome.REFUSED, e.getMessage(), java.util.Map.of());
            throw e;
        }
        AdminRequest.Reply reply;
        try {
            reply = QueueControl.submit(spool, new AdminRequest(action, id), clock, PATIENCE);
        } catch (IOException e) {
            audit.record(actor, name, target, Audit.Outcome.FAILED, e.getMessage(), java.util.Map.of());
            throw e;
        }
        if (id.isPresent()) index.changed(id.get());
        else index.refresh();
        Status status = reply.ok() ? Status.DONE : reply.message().startsWith("no message") ? Status.NO_SUCH
                : reply.message().contains(" is held") ? Status.CONFLICT : Status.UNAVAILABLE;
        audit.record(actor, name, target, switch (status) {
            case DONE -> Audit.Outcome.OK;
            case NO_SUCH, CONFLICT -> Audit.Outcome.REFUSED;
            case UNAVAILABLE -> Audit.Outcome.FAILED;
        }, reply.ok() ? "" : reply.message(), java.util.Map.of());
        return new Outcome(status, reply.message(), reply.ids());
    }

    private static void checkId(String id) {
        if (!Spool.isValidId(id)) throw new IllegalArgumentException("not a queue id: " + id);
    }
}
