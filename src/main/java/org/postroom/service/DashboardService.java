package org.postroom.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.postroom.collect.CycleReport;
import org.postroom.config.CollectAccount;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Directory;
import org.postroom.directory.User;
import org.postroom.store.MaildirStore;
import org.postroom.trace.Statistics;

/**
 * The dashboard, for {@code /api/v1/dashboard} and the {@code /} page: services up, mail today and the last 30 days,
 * the queue, the collector's accounts, disk use per mailbox, the certificate's expiry and failed logins. Each part
 * comes from the service that owns it (statistics, queue) or the running server's parts (readiness, collector
 * reports, login guard). Disk use walks every mailbox, so it is kept for {@link #DISK_FRESH} and refreshed behind
 * the page's back, as the queue's listing is.
 */
public final class DashboardService {
    static final Duration DISK_FRESH = Duration.ofMinutes(1);

    /** What the running server tells the dashboard: problems of readiness, and failed logins by protocol since start. */
    public record Sources(Supplier<List<String>> readinessProblems, Supplier<Map<String, Long>> failedLogins) {}

    private final Supplier<PostroomConfig> config;
    private final Supplier<Directory> directories;
    private final MaildirStore store;
    private final QueueService queue;
    private final StatsService stats;
    private final Sources sources;
    private final Clock clock;
    private final Map<String, CycleReport> lastCycles = new ConcurrentHashMap<>();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private volatile DiskUse disk;

    public DashboardService(Supplier<PostroomConfig> config, Supplier<Directory> directories, MaildirStore store, QueueService queue,
            StatsService stats, Sources sources, Clock clock) {
        this.config = config;
        this.directories = directories;
        this.store = store;
        this.queue = queue;
        this.stats = stats;
        this.sources = sources;
        this.clock = clock;
    }

    /** The collector's report of a cycle (given to {@code Collector.onCycle}). */
    public void cycle(CycleReport report) {
        lastCycles.put(report.account(), report);
    }

    public record Mailbox(String address, long usedBytes, long quotaBytes) {}

    public record DiskUse(String measured, long totalBytes, List<Mailbox> mailboxes) {}

    public record Account(String name, String server, String interval, String lastCycle, String nextCycle, String lastError,
            int lastMessages) {}

    public record Certificate(String file, String subject, String notAfter, long daysLeft, String problem) {}

    public record Dashboard(boolean ready, List<String> problems, Statistics.Period today, List<Statistics.Period> days,
            QueueService.Summary queue, List<Account> collector, DiskUse disk, Certificate certificate, Map<String, Long> failedLoginsSinceStart) {}

    public Dashboard show() throws IOException {
        List<String> problems = sources.readinessProblems().get();
        StatsService.StatsView s = stats.stats(30);
        Statistics.Period today = s.days().isEmpty() ? null : s.days().getLast();
        return new Dashboard(problems.isEmpty(), problems, today, s.days(), queue.summary(), accounts(), diskUse(), certificate(),
                sources.failedLogins().get());
    }

    private List<Account> accounts() {
        List<Account> out = new ArrayList<>();
        for (CollectAccount a : config.get().collect()) {
            Optional<CycleReport> last = Optional.ofNullable(lastCycles.get(a.name()));
            out.add(new Account(a.name(), a.server().toString(), SettingsService.duration(a.interval()),
                    last.map(r -> r.finished().toString()).orElse(null), last.flatMap(CycleReport::next).map(Instant::toString).orElse(null),
                    last.flatMap(CycleReport::error).orElse(null), last.map(CycleReport::messages).orElse(0)));
        }
        return out;
    }

    /** The last measurement; an old one is measured again in the background, the first one here. */
    DiskUse diskUse() {
        DiskUse known = disk;
        if (known == null) return measure();
        if (Duration.between(Instant.parse(known.measured()), clock.instant()).compareTo(DISK_FRESH) > 0 && measuring.compareAndSet(false, true)) {
            Thread.ofVirtual().name("dashboard-disk").start(() -> {
                try {
                    measure();
                } finally {
                    measuring.set(false);
                }
            });
        }
        return known;
    }

    private DiskUse measure() {
        List<Mailbox> boxes = new ArrayList<>();
        long total = 0;
        for (User u : directories.get().users()) {
            long used;
            try {
                used = store.usage(u.address());
            } catch (IOException e) {
                used = -1;
            }
            if (used > 0) total += used;
            boxes.add(new Mailbox(u.address().toString(), used, u.quotaBytes()));
        }
        boxes.sort(Comparator.comparingLong(Mailbox::usedBytes).reversed());
        DiskUse d = new DiskUse(clock.instant().toString(), total, List.copyOf(boxes));
        disk = d;
        return d;
    }

    private Certificate certificate() {
        Path file = config.get().resolve(config.get().tls().certificate());
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            Instant notAfter = c.getNotAfter().toInstant();
            return new Certificate(file.toString(), c.getSubjectX500Principal().getName(), notAfter.toString(),
                    Duration.between(clock.instant(), notAfter).toDays(), null);
        } catch (IOException | CertificateException | RuntimeException e) {
            return new Certificate(file.toString(), null, null, 0, "cannot read the certificate: " + e.getMessage());
        }
    }
}
