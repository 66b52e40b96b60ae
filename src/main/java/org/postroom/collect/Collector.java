package org.postroom.collect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.postroom.config.CollectAccount;
import org.postroom.directory.Directory;
import org.postroom.directory.Resolution;
import org.postroom.intake.Arrival;
import org.postroom.intake.Envelope;
import org.postroom.intake.Intake;
import org.postroom.intake.IntakeResult;
import org.postroom.message.AddressSyntaxException;
import org.postroom.message.MailAddress;
import org.postroom.message.SpooledMessage;
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

    /** The accounts by name, in the configuration's order; replaced whole by {@link #reconfigure}. */
    private volatile Map<String, Slot> accounts = Map.of();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Intake intake;
    private final CollectLedger ledger;
    private final Path dataDir;
    private final Clock clock;
    private final Pop3Timeouts timeouts;
    private Directory directory;
    private Router router;
    /** The accounts of postroom.toml as last given to {@link #reconfigure}; the database's are read again each time. */
    private List<CollectAccount> configured = List.of();
    /** The accounts kept in the database (StoredAccounts), or none. */
    private final Supplier<List<CollectAccount>> stored;
    private boolean started;
    private volatile boolean stopped;
    /** Schedules wait on this between cycles; {@link #close()} wakes them (never interrupting a cycle mid-delivery). */
    private final Object sleep = new Object();
    private final List<Thread> threads = new ArrayList<>();
    /** Who hears of every finished cycle (the metrics); called on the cycle's thread, so each must be quick. */
    private final List<java.util.function.Consumer<CycleReport>> cycleListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One account's collector and its schedule; {@code retired} once a reload removed or changed the account. */
    private static final class Slot {
        final AccountCollector collector;
        volatile boolean retired;

        Slot(AccountCollector collector) {
            this.collector = collector;
        }
    }

    public Collector(List<CollectAccount> configured, Directory directory, Router router, Intake intake, CollectLedger ledger, Path dataDir,
            Clock clock, Pop3Timeouts timeouts) {
        this(configured, List::of, directory, router, intake, ledger, dataDir, clock, timeouts);
    }

    /** @param stored the accounts kept in the database, read at each {@link #reconfigure} and {@link #reread} */
    public Collector(List<CollectAccount> configured, Supplier<List<CollectAccount>> stored, Directory directory, Router router,
            Intake intake, CollectLedger ledger, Path dataDir, Clock clock, Pop3Timeouts timeouts) {
        this.stored = stored;
        this.intake = intake;
        this.ledger = ledger;
        this.dataDir = dataDir;
        this.clock = clock;
        this.timeouts = timeouts;
        reconfigure(configured, directory, router);
    }

    /**
     * A reloaded {@code [[collect.account]]} list (or directory and router): an account whose settings are unchanged
     * keeps its schedule; a removed or changed one finishes the message it is filing and stops (a changed one starts
     * again at once with its new settings, after its running cycle); a new one starts at once. Returns what changed,
     * for the log.
     */
    public synchronized String reconfigure(List<CollectAccount> fromFile, Directory newDirectory, Router newRouter) {
        configured = List.copyOf(fromFile);
        List<CollectAccount> all = new ArrayList<>(fromFile);
        Set<String> names = new HashSet<>();
        fromFile.forEach(a -> names.add(a.name()));
        for (CollectAccount a : stored.get()) {
            // The file's account of the same name wins: the console refuses such a name, but the file may gain it later.
            if (names.add(a.name())) all.add(a);
            else log.warn("account={} is both in postroom.toml and in the database: the file's is used", a.name());
        }
        return apply(all, newDirectory, newRouter);
    }

    /** The accounts of postroom.toml it runs now (the last reload's). */
    public synchronized List<CollectAccount> fileAccounts() {
        return configured;
    }

    /** The accounts kept in the database changed (console, API, CLI): applied as a reload applies the file's. */
    public synchronized String reread() {
        return reconfigure(configured, directory, router);
    }

    private String apply(List<CollectAccount> configured, Directory newDirectory, Router newRouter) {
        boolean sameDirectory = newDirectory == directory && newRouter == router;
        directory = newDirectory;
        router = newRouter;
        Map<String, Slot> old = accounts;
        Map<String, Slot> next = new LinkedHashMap<>();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (CollectAccount a : configured) {
            Slot kept = old.get(a.name());
            if (kept != null && sameDirectory && kept.collector.account().equals(a)) {
                next.put(a.name(), kept);
                continue;
            }
            (kept == null ? added : changed).add(a.name());
            next.put(a.name(), new Slot(new AccountCollector(a, directory, router, intake, ledger, dataDir, clock, timeouts)));
            locks.computeIfAbsent(a.name(), n -> new ReentrantLock());
        }
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, Slot> e : old.entrySet()) {
            if (next.get(e.getKey()) == e.getValue()) continue;
            if (!next.containsKey(e.getKey())) removed.add(e.getKey());
            e.getValue().retired = true;
            e.getValue().collector.stop();
        }
        accounts = next;
        if (started) {
            synchronized (sleep) {
                sleep.notifyAll(); // retired schedules end now
            }
            for (Slot slot : next.values()) if (!old.containsValue(slot)) schedule(slot);
        }
        return "accounts added " + added + ", changed " + changed + ", removed " + removed;
    }

    /** {@code listener} hears of every cycle from now on, scheduled or forced, with its report. */
    public void onCycle(java.util.function.Consumer<CycleReport> listener) {
        cycleListeners.add(listener);
    }

    public List<String> accountNames() {
        return List.copyOf(accounts.keySet());
    }

    public Optional<AccountCollector> account(String name) {
        return Optional.ofNullable(accounts.get(name)).map(s -> s.collector);
    }

    /** Starts the schedule: each enabled account's first cycle at once, then every {@code interval}. */
    public synchronized void start() {
        started = true;
        for (Slot slot : accounts.values()) schedule(slot);
    }

    private void schedule(Slot slot) {
        CollectAccount a = slot.collector.account();
        if (!a.enabled() || stopped) return;
        threads.removeIf(t -> !t.isAlive());
        threads.add(Thread.ofVirtual().name("collect-" + a.name()).start(() -> loop(slot)));
    }

    private void loop(Slot slot) {
        CollectAccount account = slot.collector.account();
        Duration interval = account.interval();
        while (!stopped && !slot.retired) {
            boolean inHours = account.hours().map(h -> h.contains(java.time.LocalTime.now(clock))).orElse(true);
            if (inHours) run(slot);
            long wakeAt = System.nanoTime() + Math.max(1, interval.toMillis()) * 1_000_000;
            synchronized (sleep) {
                try { // a reload wakes every schedule: only a retired one ends early
                    for (long left = Math.max(1, interval.toMillis()); left > 0 && !stopped && !slot.retired; left = (wakeAt - System.nanoTime()) / 1_000_000) {
                        sleep.wait(left);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Runs one cycle of {@code name} now (waiting for one already running), and returns its report. */
    public CycleReport runNow(String name) {
        Slot slot = accounts.get(name);
        if (slot == null) throw new IllegalArgumentException("no collect account \"" + name + "\"");
        return run(slot);
    }

    /** {@link #dryRun} while a cycle of the account runs (or another dry run). */
    public static final class CycleRunning extends IllegalStateException {
        CycleRunning(String name) {
            super("a cycle of account \"" + name + "\" is running: try the dry run again when it has finished");
        }
    }

    /**
     * A dry run of {@code name} under the account's cycle lock, so that it never opens a second session to the
     * provider beside a running cycle (RFC 1939 section 4: a provider may lock the maildrop to one session); refused
     * at once with {@link CycleRunning} rather than queued, since somebody waits on the answer. Empty: no such account.
     */
    public Optional<AccountCollector.Outcome> dryRun(String name) {
        Slot slot = accounts.get(name);
        if (slot == null) return Optional.empty();
        ReentrantLock lock = locks.get(name);
        if (!lock.tryLock()) throw new CycleRunning(name);
        try {
            return Optional.of(slot.collector.run(AccountCollector.Run.DRY_RUN));
        } finally {
            lock.unlock();
        }
    }

    private CycleReport run(Slot slot) {
        AccountCollector a = slot.collector;
        String name = a.account().name();
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
            for (var listener : cycleListeners) listener.accept(report);
            return report;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers a held message ({@code unresolved = "hold"}) to {@code to}, a local address (user, alias or group),
     * through intake as collected mail, then deletes the held file; returns intake's id. A stop between the two
     * leaves the file, and delivering it again gives a second copy: never none.
     */
    public String deliverHeld(String account, String id, MailAddress to) throws IOException {
        Path file = HeldMail.file(dataDir, account, id);
        Directory dir;
        synchronized (this) {
            dir = directory;
        }
        if (!(dir.resolve(to) instanceof Resolution.Deliver d) || d.users().isEmpty()) {
            throw new IllegalArgumentException(to + " is not a local mailbox, alias or group that reaches somebody");
        }
        String host = account(account).map(a -> a.account().server().host()).orElse("localhost");
        try (SpooledMessage message = new SpooledMessage(dataDir.resolve("collect").resolve("tmp"), 1 << 20)) {
            MessageHeaders headers;
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(message);
            }
            try (InputStream in = message.open()) {
                headers = MessageHeaders.read(in);
            }
            Optional<MailAddress> sender = headers.first("Return-Path").flatMap(Collector::returnPath);
            Envelope envelope = new Envelope(sender,
                    List.of(new Envelope.Recipient(to, d.users())));
            Arrival arrival = new Arrival(host, java.net.InetAddress.getLoopbackAddress(), "POP3",
                    Optional.empty(), Optional.empty(), false);
            return switch (intake.receive(envelope, message, arrival)) {
                case IntakeResult.Accepted accepted -> {
                    Files.deleteIfExists(file);
                    log.info("account={} held={} delivered to {} id={}", account, id, to, accepted.id());
                    yield accepted.id();
                }
                case IntakeResult.Loop loop -> throw new IllegalArgumentException("the held message is looping ("
                        + loop.receivedCount() + " Received headers): delete it, or save it from the file " + file);
                case IntakeResult.StorageFailure f -> throw new IOException("cannot store the held message: " + f.reason());
            };
        }
    }

    private static Optional<MailAddress> returnPath(String value) {
        String v = value.strip();
        if (v.startsWith("<") && v.endsWith(">")) v = v.substring(1, v.length() - 1);
        try {
            return v.isEmpty() ? Optional.empty() : Optional.of(MailAddress.parse(v));
        } catch (AddressSyntaxException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        stopped = true;
        accounts.values().forEach(s -> s.collector.stop());
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
