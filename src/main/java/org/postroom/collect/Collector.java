package org.postroom.collect;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.postroom.config.CollectAccount;
import org.postroom.directory.Directory;
import org.postroom.intake.Intake;
import org.postroom.pop3.client.Pop3Timeouts;
import org.postroom.router.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every enabled account on its own schedule, each on its own virtual thread: one account that is down, refuses
 * its login or answers garbage delays nobody else. A cycle of one account never overlaps another cycle of the same
 * account ({@link #runNow} waits for the running one). The last cycle of each account is kept in the database for
 * {@code postroom collect status}.
 */
public final class Collector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("postroom.collect");

    private final Map<String, AccountCollector> accounts = new LinkedHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Instant> nextRun = new ConcurrentHashMap<>();
    private final CollectLedger ledger;
    private final Clock clock;
    private volatile boolean stopped;
    /** Schedules wait on this between cycles; {@link #close()} wakes them (never interrupting a cycle mid-delivery). */
    private final Object sleep = new Object();
    private final List<Thread> threads = new java.util.ArrayList<>();

    public Collector(List<CollectAccount> configured, Directory directory, Router router, Intake intake, CollectLedger ledger, Path dataDir,
            Clock clock, Pop3Timeouts timeouts) {
        this.ledger = ledger;
        this.clock = clock;
        for (CollectAccount a : configured) {
            accounts.put(a.name(), new AccountCollector(a, directory, router, intake, ledger, dataDir, clock, timeouts));
            locks.put(a.name(), new ReentrantLock());
        }
    }

    public List<String> accountNames() {
        return List.copyOf(accounts.keySet());
    }

    public Optional<AccountCollector> account(String name) {
        return Optional.ofNullable(accounts.get(name));
    }

    /** Starts the schedule: each enabled account's first cycle at once, then every {@code interval}. */
    public synchronized void start() {
        for (AccountCollector a : accounts.values()) {
            if (!a.account().enabled()) continue;
            threads.add(Thread.ofVirtual().name("collect-" + a.account().name()).start(() -> loop(a)));
        }
    }

    private void loop(AccountCollector a) {
        Duration interval = a.account().interval();
        while (!stopped) {
            boolean inHours = a.account().hours().map(h -> h.contains(java.time.LocalTime.now(clock))).orElse(true);
            if (inHours) runNow(a.account().name());
            Instant next = clock.instant().plus(interval);
            nextRun.put(a.account().name(), next);
            synchronized (sleep) {
                try {
                    if (!stopped) sleep.wait(Math.max(1, interval.toMillis()));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Runs one cycle of {@code name} now (waiting for one already running), and returns its report. */
    public CycleReport runNow(String name) {
        AccountCollector a = accounts.get(name);
        if (a == null) throw new IllegalArgumentException("no collect account \"" + name + "\"");
        ReentrantLock lock = locks.get(name);
        lock.lock();
        try {
            CycleReport report;
            try {
                report = a.run(AccountCollector.Run.COLLECT).report();
            } catch (RuntimeException e) { // never let one account's bug stop the schedule
                log.warn("account={} cycle failed: {}", name, e.toString(), e);
                Instant now = clock.instant();
                report = new CycleReport(name, now, now, 0, 0, 0, 0, Optional.of(e.toString()), Optional.empty());
            }
            Optional<Instant> next = a.account().enabled() && !stopped ? Optional.of(clock.instant().plus(a.account().interval())) : Optional.empty();
            report = new CycleReport(report.account(), report.started(), report.finished(), report.messages(), report.delivered(),
                    report.unresolved(), report.duplicates(), report.error(), next);
            try {
                ledger.saveStatus(report);
            } catch (RuntimeException e) {
                log.warn("account={} cannot save the cycle's status: {}", name, e.toString());
            }
            return report;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public synchronized void close() {
        stopped = true;
        accounts.values().forEach(AccountCollector::stop);
        synchronized (sleep) {
            sleep.notifyAll();
        }
        for (Thread t : threads) {
            try {
                t.join(Duration.ofMinutes(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
