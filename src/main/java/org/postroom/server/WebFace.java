package org.postroom.server;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.postroom.collect.Collector;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Database;
import org.postroom.directory.Directory;
import org.postroom.imap.server.ImapDoor;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.smtp.server.SmtpDoor;
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
import org.postroom.web.autoconfig.ClientSetup;
import org.postroom.web.autoconfig.MailServices;

/**
 * Connects the web port to the running services: the metrics' sources (queue, collector, login guard, TLS
 * handshakes), the readiness checks (doors, database, disk) and the mail clients' set-up files (the host name of
 * {@code [server] hostname}, the ports the doors listen on, the directory's local domains). {@code [web]} is read at start only: a change to
 * it needs a restart ({@link RestartSettings}).
 */
final class WebFace {
    private WebFace() {}

    static WebServer open(Metrics metrics, PostroomConfig config, Clock clock, Tls tls, LoginGuard logins, HandshakeLog handshakes,
            Database database, SmtpServer smtp, Pop3Server pop3, ImapServer imap, Outbound outbound, Collector collector) throws IOException {
        collector.onCycle(metrics.collect());
        metrics.add(new QueueGauges(outbound.queue().spool(), clock));
        metrics.add(new GuardCounters(logins, handshakes));
        Readiness readiness = new Readiness(List.of(
                ReadinessChecks.doors(() -> closedDoors(smtp, pop3, imap)),
                ReadinessChecks.database(database),
                ReadinessChecks.disk(config.dataDir(), config.web().diskReserve())));
        Directory directory = new Directory(database, config.addresses());
        ClientSetup setup = new ClientSetup(directory::isLocalDomain, () -> new MailServices(config.server().hostname(),
                imap.port(ImapDoor.IMAPS), imap.port(ImapDoor.IMAP), pop3.port(Pop3Door.POP3S), pop3.port(Pop3Door.POP3),
                smtp.port(SmtpDoor.SUBMISSIONS), smtp.port(SmtpDoor.SUBMISSION)));
        return new WebServer(config.web(), tls.context(), metrics, readiness, Optional.of(setup));
    }

    private static List<String> closedDoors(SmtpServer smtp, Pop3Server pop3, ImapServer imap) {
        List<String> closed = new ArrayList<>();
        smtp.notListening().forEach(d -> closed.add("smtp-" + d.name().toLowerCase(Locale.ROOT)));
        pop3.notListening().forEach(d -> closed.add("pop3-" + d.name().toLowerCase(Locale.ROOT)));
        imap.notListening().forEach(d -> closed.add("imap-" + d.name().toLowerCase(Locale.ROOT)));
        return closed;
    }
}
