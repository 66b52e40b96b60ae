package org.postroom.queue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.postroom.message.MailAddress;
import org.postroom.trace.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the queue while the server runs: a scheduler (one virtual thread) hands due messages to a few workers
 * (virtual threads, one outbound connection each, several messages per connection), records what became of
 * each recipient, sends the notices that are owed, and removes finished messages.
 *
 * <p>The envelope files are the truth; the runner keeps in memory only when each message is next due, rebuilt
 * from the files on start. It re-reads a message's envelope before and after each attempt, under a lock per
 * message, so an administrator's request ({@link QueueControl}) that {@link AdminRequestDesk} carries out meanwhile
 * is never undone.
 *
 * <p>SECURITY: trusts the queue's files (Postroom wrote them) and the delivery agent's outcomes.
 */
public final class QueueRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueRunner.class);
    private static final Logger mail = LoggerFactory.getLogger("postroom.mail");
    /** The scheduler looks for due messages and administrator requests this often. */
    private static final long TICK_MILLIS = 250;
    /** A notice that could not be stored is tried again this much later. */
    private static final Duration NOTICE_RETRY = Duration.ofMinutes(1);
    /** A worker keeps an idle connection open this long for the next message. */
    private static final long KEEP_ALIVE_MILLIS = 1000;
    /** On stop, attempts in progress get this long to finish and be recorded. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(15);

    private final Spool spool;
    private final Clock clock;
    private final NoticeSender noticeSender;
    private final String hostname;
    /** Replaced together by {@link #reconfigure} ({@code [relay]}, {@code [queue]} reloaded). */
    private volatile Setup setup;
    private final int workers;
    private final int maxMessagesPerConnection;

    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    /** Messages the administrator (or a reload of [relay]) asked to try now, whatever their recipients' schedule. */
    private final Set<String> early = ConcurrentHashMap.newKeySet();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<String> ready = new LinkedBlockingQueue<>();
    private final ReentrantLock[] locks = new ReentrantLock[64];
    private final Semaphore wake = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private final AdminRequestDesk requests;
    private final Trace trace;
    private QueueLock ownership;

    /**
     * @param hostname this server's name, for notices (Reporting-MTA)
     * @param workers outbound connections at once
     */
    public QueueRunner(Spool spool, DeliveryAgent agent, RetrySchedule schedule, Clock clock, NoticeSender noticeSender,
            String hostname, int workers, int maxMessagesPerConnection) {
        this(spool, agent, schedule, clock, noticeSender, hostname, workers, maxMessagesPerConnection, Trace.off(clock));
    }

    /** @param trace where each attempt, bounce, delay notice and administrator's action is recorded */
    public QueueRunner(Spool spool, DeliveryAgent agent, RetrySchedule schedule, Clock clock, NoticeSender noticeSender,
            String hostname, int workers, int maxMessagesPerConnection, Trace trace) {
        this.trace = trace;
        this.spool = spool;
        this.clock = clock;
        this.noticeSender = noticeSender;
        this.hostname = hostname;
        this.setup = new Setup(agent, schedule, new Notices(spool, noticeSender, schedule, hostname, clock));
        this.workers = workers;
        this.maxMessagesPerConnection = maxMessagesPerConnection;
        for (int i = 0; i < locks.length; i++) locks[i] = new ReentrantLock();
        this.requests = new AdminRequestDesk(this, spool, clock, trace);
    }

    /** Takes ownership of the queue, cleans up after a crash, picks up every queued message, and starts work. */
    public void start() throws IOException {
        spool.create();
        ownership = QueueLock.acquire(spool.lockFile(), Duration.ofSeconds(10));
        try {
            spool.recover();
            int count = 0;
            for (String id : spool.ids()) {
                QueueEntry entry;
                try {
                    entry = load(id);
                } catch (IOException e) {
                    log.warn("queue: cannot read {} now, trying again in a minute: {}", id, e.toString());
                    due.put(id, clock.instant().plus(NOTICE_RETRY));
                    continue;
                }
                if (entry == null) continue;
                reschedule(entry, clock.instant());
                count++;
            }
            if (count > 0) log.info("queue: {} message(s) waiting in {}", count, spool.dir());
        } catch (IOException | RuntimeException e) {
            ownership.close();
            throw e;
        }
        spool.onCommit(this::submit);
        running = true;
        threads.add(Thread.ofVirtual().name("queue-scheduler").start(this::schedulerLoop));
        for (int i = 0; i < workers; i++) threads.add(Thread.ofVirtual().name("queue-worker-" + i).start(this::workerLoop));
    }

    /** A message just queued: due at once. */
    void submit(QueueEntry entry) {
        if (entry.isHeld() || !running) return;
        if (inFlight.add(entry.id())) ready.add(entry.id());
        else due.put(entry.id(), clock.instant());
    }

    /** What sends and when: the relay, the retry schedule and the notices that quote it. */
    private record Setup(DeliveryAgent agent, RetrySchedule schedule, Notices notices) {}

    /**
     * A reloaded {@code [relay]}/{@code [queue]}: later attempts use {@code agent} and {@code schedule}; attempts in
     * progress finish with the old ones, and each worker's open connection is closed before its next message.
     */
    public void reconfigure(DeliveryAgent agent, RetrySchedule schedule) {
        setup = new Setup(agent, schedule, new Notices(spool, noticeSender, schedule, hostname, clock));
    }

    /**
     * After {@code [relay]} changed: every message with a recipient deferred for a configuration problem (login or TLS
     * refused, no smarthost) is tried at once. Returns how many.
     */
    public int retryConfigurationProblems() throws IOException {
        int count = 0;
        for (String id : spool.ids()) {
            QueueEntry entry;
            ReentrantLock lock = lockFor(id);
            lock.lock();
            try {
                entry = load(id);
            } finally {
                lock.unlock();
            }
            if (entry == null || entry.isHeld()) continue;
            boolean stuck = entry.recipients().stream()
                    .anyMatch(r -> r.state() == RecipientState.DEFERRED && r.last().map(Diagnosis::configProblem).orElse(false));
            if (stuck) {
                tryEarly(id);
                count++;
            }
        }
        if (count > 0) log.info("queue: {} message(s) deferred for a configuration problem are tried now", count);
        return count;
    }

    /** Due now, every active recipient, without moving the schedule it keeps if this attempt fails too. */
    void tryEarly(String id) {
        early.add(id);
        due.put(id, clock.instant());
        wake();
    }

    /** Looks for due messages now (tests move their clock, then call this). */
    public void wake() {
        wake.release();
    }

    /** When each waiting message is next due, for tests and status. */
    public Map<String, Instant> schedule() {
        return Map.copyOf(due);
    }

    // ---- the scheduler ----

    private void schedulerLoop() {
        while (running) {
            try {
                wake.tryAcquire(TICK_MILLIS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            try {
                requests.carryOutRequests();
                dispatchDue();
            } catch (IOException | RuntimeException e) {
                log.error("queue: the scheduler failed a round, trying again: {}", e.toString(), e);
            }
        }
    }

    private void dispatchDue() {
        Instant now = clock.instant();
        for (Map.Entry<String, Instant> e : due.entrySet()) {
            if (e.getValue().isAfter(now)) continue;
            String id = e.getKey();
            if (inFlight.add(id)) {
                due.remove(id, e.getValue());
                ready.add(id);
            }
        }
    }

    // ---- the workers ----

    private void workerLoop() {
        try (RelayConnection connection = new RelayConnection(() -> setup.agent(), maxMessagesPerConnection)) {
            while (running) {
                String id;
                try {
                    id = ready.poll(KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (id == null) {
                    connection.close(); // idle: do not keep the smarthost's connection slot
                    continue;
                }
                try {
                    process(id, connection);
                } catch (IOException | RuntimeException e) {
                    log.error("queue: {} could not be processed, trying again in a minute: {}", id, e.toString(), e);
                    due.put(id, clock.instant().plus(NOTICE_RETRY));
                } finally {
                    inFlight.remove(id);
                }
            }
        }
    }

    /** One message's turn: notices owed, then an attempt for the recipients that are due, then the record of it. */
    private void process(String id, RelayConnection connection) throws IOException {
        Instant now = clock.instant();
        QueueEntry entry;
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            entry = load(id);
            if (entry == null) return;
            entry = settle(entry, now, false);
            if (entry == null || entry.isHeld()) return;
        } finally {
            lock.unlock();
        }
        boolean tryAll = early.remove(id);
        List<QueuedRecipient> attempted = entry.recipients().stream().filter(r -> r.isDue(now) || (tryAll && r.isActive())).toList();
        if (attempted.isEmpty()) {
            reschedule(entry, now.plus(NOTICE_RETRY));
            return;
        }
        Optional<DeliveryAgent.Body> body = checked(entry);
        if (body.isEmpty()) return;
        List<MailAddress> addresses = attempted.stream().map(QueuedRecipient::address).toList();
        DeliveryAgent.Outgoing outgoing = new DeliveryAgent.Outgoing(id, entry.sender(), addresses, entry.size(), entry.eightBit(),
                entry.smtpUtf8(), body.get());
        List<DeliveryAgent.Outcome> outcomes = connection.session().send(outgoing);
        if (outcomes.size() != addresses.size()) throw new IllegalStateException("the relay answered " + outcomes.size() + " of " + addresses.size() + " recipients");

        Instant after = clock.instant();
        lock.lock();
        try {
            QueueEntry fresh = load(id);
            if (fresh == null) {
                mail.info("id={} was removed from the queue while being sent", id);
                return;
            }
            fresh = AttemptRecord.apply(fresh, addresses, outcomes, after, setup.schedule(), trace);
            fresh = delayNotice(fresh, after);
            QueueEntry settled = settle(fresh, after, true);
            if (settled != null) reschedule(settled, after.plus(NOTICE_RETRY)); // notices still owed could not be stored
        } finally {
            lock.unlock();
        }
    }

    private QueueEntry delayNotice(QueueEntry entry, Instant now) {
        if (entry.delayNoticeSent() || !setup.schedule().delayNoticeDue(entry.created(), now)) return entry;
        List<QueuedRecipient> late = entry.recipients().stream().filter(r -> r.state() == RecipientState.DEFERRED).toList();
        if (late.isEmpty()) return entry;
        if (setup.notices().delayed(entry, late) != Notices.Result.TOLD) return entry;
        trace.record(AttemptRecord.delayNotice(entry, late, now));
        return entry.withDelayNoticeSent();
    }

    /**
     * Sends the bounces owed, then removes the message if nothing is left to do, or writes its envelope if it
     * changed. Returns the entry as it now stands, or null when it is gone.
     */
    private QueueEntry settle(QueueEntry entry, Instant now, boolean changed) throws IOException {
        List<QueuedRecipient> owed = entry.recipients().stream().filter(QueuedRecipient::owesNotice).toList();
        if (!owed.isEmpty() && setup.notices().failed(entry, owed) == Notices.Result.TOLD) {
            entry = entry.mapRecipients(r -> r.owesNotice() ? r.withNotified() : r);
            changed = true;
        }
        if (entry.isDone()) {
            spool.remove(entry.id());
            due.remove(entry.id());
            return null;
        }
        if (changed) spool.write(entry);
        return entry;
    }

    /** Takes a message that is gone (removed by the administrator) out of the schedule. */
    void unschedule(String id) {
        due.remove(id);
    }

    /** Puts the entry back in the schedule; {@code noticeAt} is when owed notices are tried (again). */
    void reschedule(QueueEntry entry, Instant noticeAt) {
        if (entry.isHeld()) {
            due.remove(entry.id());
        } else if (entry.recipients().stream().anyMatch(QueuedRecipient::owesNotice)) {
            due.put(entry.id(), noticeAt);
        } else {
            Optional<Instant> next = entry.nextAttempt();
            if (next.isPresent()) due.put(entry.id(), next.get());
            else due.remove(entry.id());
        }
    }

    /**
     * The entry from disk; null when it is gone, or damaged (then it is set aside). Any other {@link IOException}
     * (no file handles, a disk error) reaches the caller, and the message is tried again later.
     */
    QueueEntry load(String id) throws IOException {
        try {
            return spool.read(id).orElse(null);
        } catch (DamagedQueueFile e) {
            if (!spool.exists(id)) return null;
            spool.setAside(id, e.getMessage());
            due.remove(id);
            return null;
        }
    }

    /**
     * Checks the message file against its length and checksum before a send (outside the lock: it reads the whole
     * file) and returns what to send; a damaged one is set aside under the lock and never sent. Issue 10 item 9: a file cut short opened a
     * transaction at the smarthost for five days of retries, and a changed octet was relayed as it was.
     */
    private Optional<DeliveryAgent.Body> checked(QueueEntry entry) throws IOException {
        try {
            return Optional.of(spool.verify(entry));
        } catch (DamagedQueueFile e) {
            ReentrantLock lock = lockFor(entry.id());
            lock.lock();
            try {
                if (spool.exists(entry.id())) spool.setAside(entry.id(), e.getMessage());
                due.remove(entry.id());
            } finally {
                lock.unlock();
            }
            return Optional.empty();
        }
    }

    /** The lock a message's envelope is read and changed under (one of a few, shared by hash). */
    ReentrantLock lockFor(String id) {
        return locks[Math.floorMod(id.hashCode(), locks.length)];
    }

    /** Stops: no new attempts; attempts in progress finish and are recorded (within a bound); the queue lock goes. */
    @Override
    public void close() {
        running = false;
        wake();
        long deadline = System.nanoTime() + STOP_PATIENCE.toNanos();
        for (Thread thread : threads) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) thread.join(Duration.ofNanos(left));
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(Duration.ofSeconds(2));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            if (ownership != null) ownership.close();
        } catch (IOException e) {
            log.debug("queue: releasing the queue lock: {}", e.toString());
        }
    }
}
