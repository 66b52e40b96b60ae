package org.postroom.queue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.postroom.trace.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the administrator's requests ({@link QueueControl}: hold, release, retry, remove) for the
 * {@link QueueRunner}, once per scheduler round, and removes the answers no command came back for.
 *
 * <p>Each message is changed under the runner's lock for it, so an attempt in progress re-reads the envelope
 * afterwards and never undoes the request; the runner's schedule is then brought in line with the new envelope.
 *
 * <p>SECURITY: trusts the request files as far as {@link QueueControl} parsed them (only the queue's owner can write
 * them); each request decides itself what it may refuse ({@link AdminRequest#refusal}).
 */
final class AdminRequestDesk {
    private static final Logger log = LoggerFactory.getLogger(AdminRequestDesk.class);
    /** An administrator's answer no command has read for this long is removed (the command gave up waiting). */
    static final Duration STALE_REPLY = Duration.ofHours(1);

    private final QueueRunner runner;
    private final Spool spool;
    private final Clock clock;
    private final Trace trace;
    private long nextReplySweep = System.nanoTime();

    AdminRequestDesk(QueueRunner runner, Spool spool, Clock clock, Trace trace) {
        this.trace = trace;
        this.runner = runner;
        this.spool = spool;
        this.clock = clock;
    }

    /** Answers every request waiting; called by the scheduler thread only. */
    void carryOutRequests() throws IOException {
        for (QueueControl.Pending pending : QueueControl.pending(spool)) {
            AdminRequest.Reply reply = pending.request().map(this::carryOut)
                    .orElseGet(() -> new AdminRequest.Reply(false, pending.problem(), List.of()));
            QueueControl.answer(spool, pending.name(), reply);
        }
        if (System.nanoTime() - nextReplySweep >= 0) { // at the first round, then every few minutes
            nextReplySweep = System.nanoTime() + STALE_REPLY.toNanos() / 12;
            int removed = QueueControl.sweepReplies(spool, STALE_REPLY);
            if (removed > 0) log.info("queue: removed {} answer(s) to administrator requests that nobody read", removed);
        }
    }

    private AdminRequest.Reply carryOut(AdminRequest request) {
        List<String> done = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try {
            List<String> ids = request.id().isPresent() ? List.of(request.id().get()) : spool.ids();
            for (String id : ids) {
                ReentrantLock lock = runner.lockFor(id);
                lock.lock();
                try {
                    QueueEntry entry = runner.load(id);
                    if (entry == null) continue;
                    Optional<String> refusal = request.refusal(entry);
                    if (refusal.isPresent()) {
                        refused.add(refusal.get());
                        continue;
                    }
                    Instant now = clock.instant();
                    Optional<QueueEntry> changed = request.applyTo(entry, now);
                    if (request.action() == AdminRequest.Action.RETRY) {
                        runner.tryEarly(id); // the envelope is left as it is: a failed retry keeps the schedule it had
                    } else if (changed.isEmpty()) {
                        spool.remove(id);
                        runner.unschedule(id);
                    } else {
                        spool.write(changed.get());
                        runner.reschedule(changed.get(), now);
                    }
                    done.add(id);
                    AdminEvents.of(request.action(), entry, now).ifPresent(trace::record);
                    log.info("queue: {} {} by the administrator", id, QueueControl.verb(request.action()));
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            return new AdminRequest.Reply(false, "failed after " + done.size() + " message(s): " + e.getMessage(), done);
        }
        runner.wake();
        return request.reply(done, refused, "");
    }
}
