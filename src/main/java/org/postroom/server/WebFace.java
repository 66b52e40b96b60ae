package org.postroom.server;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.postroom.directory.ApiTokens;
import org.postroom.directory.Directory;
import org.postroom.service.AddressBook;
import org.postroom.service.Audit;
import org.postroom.service.TokenService;
import org.postroom.store.MaildirStore;
import org.postroom.service.UserService;
import org.postroom.service.DashboardService;
import org.postroom.service.QueueService;
import org.postroom.service.RelayTestService;
import org.postroom.service.SettingsService;
import org.postroom.service.StatsService;
import org.postroom.service.TraceService;
import org.postroom.web.console.OpsServices;
import org.postroom.trace.Trace;
import org.postroom.imap.server.ImapDoor;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.web.autoconfig.ClientSetup;
import org.postroom.web.autoconfig.ClientSetupRoutes;
import org.postroom.web.autoconfig.MailServices;
import org.postroom.web.console.Console;
import org.postroom.web.console.ConsoleDispatcher;
import org.postroom.web.console.ConsoleServices;
import org.postroom.web.console.Routes;
import org.postroom.web.console.Sessions;
import org.postroom.collect.CollectLedger;
import org.postroom.collect.Collector;
import org.postroom.collect.StoredAccounts;
import org.postroom.pop3.client.Pop3Timeouts;
import org.postroom.service.CollectorRuntime;
import org.postroom.service.CollectorService;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Database;
import org.postroom.imap.server.ImapServer;
import org.postroom.net.HandshakeLog;
import org.postroom.net.LoginGuard;
import org.postroom.net.Tls;
import org.postroom.pop3.server.Pop3Server;
import org.postroom.smtp.server.SmtpServer;
import org.postroom.trace.metrics.GuardCounters;
import org.postroom.trace.metrics.Metrics;
import org.postroom.trace.metrics.QueueGauges;
import org.postroom.web.Readiness;
import org.postroom.web.ReadinessChecks;
import org.postroom.web.WebServer;

/**
 * Connects the web port to the running services: the metrics' sources (queue, collector, login guard, TLS
 * handshakes) and the readiness checks (doors, database, disk). {@code [web]} is read at start only: a change to
 * it needs a restart ({@link RestartSettings}).
 */
final class WebFace {
    private WebFace() {}

    static WebServer open(Metrics metrics, PostroomConfig config, Clock clock, Tls tls, LoginGuard logins, HandshakeLog handshakes,
            Database database, SmtpServer smtp, Pop3Server pop3, ImapServer imap, Outbound outbound, Collector collector,
            Supplier<Directory> directories, Trace trace, MaildirStore store, Supplier<PostroomConfig> configs,
            Supplier<ReloadResult> reloads) throws IOException {
        collector.onCycle(metrics.collect());
        metrics.add(new QueueGauges(outbound.queue().spool(), clock));
        metrics.add(new GuardCounters(logins, handshakes));
        Readiness readiness = new Readiness(List.of(
                ReadinessChecks.doors(() -> closedDoors(smtp, pop3, imap)),
                ReadinessChecks.database(database),
                ReadinessChecks.disk(config.dataDir(), config.web().diskReserve())));
        boolean https = config.web().https();
        Audit audit = Audit.of(trace, clock);
        CollectorService collectorService = new CollectorService(collector::fileAccounts, new StoredAccounts(database, config.dataDir()),
                new CollectLedger(database), config.dataDir(), CollectorRuntime.of(collector), audit, Pop3Timeouts.DEFAULT, clock);
        UserService users = new UserService(directories, config.dataDir(), store, audit, clock);
        QueueService queue = new QueueService(outbound.queue().spool(), clock, audit);
        StatsService stats = new StatsService(config.dataDir(), java.time.ZoneId.systemDefault(), clock, queue);
        DashboardService dashboard = new DashboardService(configs, directories, users.mailboxUsage(), queue, stats, new DashboardService.Sources(
                readiness::problems, () -> failedLogins(logins), collectorService::accounts), clock);
        OpsServices ops = new OpsServices(queue, new RelayTestService(configs),
                new TraceService(config.dataDir(), java.time.ZoneId.systemDefault(), clock), stats,
                new SettingsService(configs, config.dataDir(), reloads::get), dashboard);
        Sessions sessions = new Sessions(clock);
        users.onSignOut(user -> sessions.closeAllOf(user.id()));
        ConsoleServices services = new ConsoleServices(directories, users, new AddressBook(directories, audit),
                new TokenService(directories, new ApiTokens(database), audit, clock), sessions, logins, audit, trace, config.dataDir(), https, clock, ops, collectorService);
        Routes routes = Console.register(new Routes(), services);
        // The mail clients' set-up files (issue 14): PUBLIC routes, with the ports the doors really listen on.
        ClientSetupRoutes.register(routes, new ClientSetup(domain -> directories.get().isLocalDomain(domain),
                () -> new MailServices(config.server().hostname(), imap.port(ImapDoor.IMAPS), imap.port(ImapDoor.IMAP),
                        pop3.port(Pop3Door.POP3S), pop3.port(Pop3Door.POP3), smtp.port(SmtpDoor.SUBMISSIONS), smtp.port(SmtpDoor.SUBMISSION))));
        ConsoleDispatcher dispatcher = new ConsoleDispatcher(routes, services,
                new org.postroom.web.console.HostCheck(java.util.Set.of(config.server().hostname())));
        dispatcher.errorPage(org.postroom.web.pages.Pages::errorPage);
        return new WebServer(config.web(), tls.context(), metrics, readiness, Optional.of(dispatcher));
    }

    /** Failed logins since start by protocol ({@link LoginGuard#failuresByKind}), for the dashboard. */
    private static java.util.Map<String, Long> failedLogins(LoginGuard logins) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        logins.failuresByKind().forEach((kind, n) -> out.merge(kind.protocol(), n, Long::sum));
        return out;
    }

    private static List<String> closedDoors(SmtpServer smtp, Pop3Server pop3, ImapServer imap) {
        List<String> closed = new ArrayList<>();
        smtp.notListening().forEach(d -> closed.add("smtp-" + d.name().toLowerCase(Locale.ROOT)));
        pop3.notListening().forEach(d -> closed.add("pop3-" + d.name().toLowerCase(Locale.ROOT)));
        imap.notListening().forEach(d -> closed.add("imap-" + d.name().toLowerCase(Locale.ROOT)));
        return closed;
    }
}
