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
import java.util.function.Supplier;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Directory;
import org.postroom.directory.User;
import org.postroom.trace.Statistics;

/**
 * The dashboard, for {@code /api/v1/dashboard} and the {@code /} page: services up, mail today and the last 30 days,
 * the queue, the collector's accounts, disk use per mailbox ({@link MailboxUsage}), the certificate's expiry and failed logins. Each part
 * comes from the service that owns it (statistics, queue) or the running server's parts (readiness, collector
 * reports, login guard).
 */
public final class DashboardService {
    /**
     * What the running server tells the dashboard: problems of readiness, failed logins by protocol since start, and
     * the collector's accounts (the file's and the database's, each with its last cycle: {@link CollectorService}).
     */
    public record Sources(Supplier<List<String>> readinessProblems, Supplier<Map<String, Long>> failedLogins,
            Supplier<List<CollectorViews.Account>> collectorAccounts) {}

    private final Supplier<PostroomConfig> config;
    private final Supplier<Directory> directories;
    private final MailboxUsage usage;
    private final QueueService queue;
    private final StatsService stats;
    private final Sources sources;
    private final Clock clock;

    public DashboardService(Supplier<PostroomConfig> config, Supplier<Directory> directories, MailboxUsage usage, QueueService queue,
            StatsService stats, Sources sources, Clock clock) {
        this.config = config;
        this.directories = directories;
        this.usage = usage;
        this.queue = queue;
        this.stats = stats;
        this.sources = sources;
        this.clock = clock;
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
        for (CollectorViews.Account a : sources.collectorAccounts().get()) {
            Optional<CollectorViews.Cycle> last = Optional.ofNullable(a.last());
            String error = a.problem() != null ? a.problem() : last.map(CollectorViews.Cycle::error).orElse(null);
            out.add(new Account(a.account(), a.server(), a.settings() == null ? "" : a.settings().path("interval").asText(""),
                    last.map(CollectorViews.Cycle::finished).orElse(null), last.map(CollectorViews.Cycle::next).orElse(null),
                    error, last.map(CollectorViews.Cycle::messages).orElse(0)));
        }
        return out;
    }

    /** Every mailbox's size from the shared {@link MailboxUsage} (a walk at most a minute old), largest first. */
    DiskUse diskUse() {
        MailboxUsage.Measured m = usage.measured();
        List<Mailbox> boxes = new ArrayList<>();
        long total = 0;
        for (User u : directories.get().users()) {
            long used = m.bytesByKey().getOrDefault(u.address().key(), -1L);
            if (used > 0) total += used;
            boxes.add(new Mailbox(u.address().toString(), used, u.quotaBytes()));
        }
        boxes.sort(Comparator.comparingLong(Mailbox::usedBytes).reversed());
        return new DiskUse(m.at().toString(), total, List.copyOf(boxes));
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
