package org.postroom.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postroom.collect.Collector;
import org.postroom.config.ConfigLoader;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Database;
import org.postroom.directory.Directory;
import org.postroom.net.Tls;
import org.postroom.imap.server.ImapServer;
import org.postroom.pop3.server.Pop3Server;
import org.postroom.queue.DeliveryAgent;
import org.postroom.router.Router;
import org.postroom.smtp.server.SmtpServer;
import org.postroom.store.MaildirStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code postroom.toml} again and applies what a running server can take (SIGHUP, {@code postroom reload}):
 * the TLS pair (re-read, for a renewed certificate), the doors' policies ({@code [smtp]}, {@code [pop3]},
 * {@code [addresses]}, {@code [delivery]}) for sessions that start from now on, {@code [relay]} and {@code [queue]}
 * (mail deferred for a configuration problem is tried at once after a relay change), and the collect accounts.
 * Settings used only at start are reported ({@link RestartSettings}). Everything that can fail is done first: a file
 * that does not load, a TLS pair or relay CA file that does not, changes nothing.
 */
final class Reload {
    private static final Logger log = LoggerFactory.getLogger(Reload.class);

    private final Database database;
    private final MaildirStore store;
    private final SmtpServer smtp;
    private final Pop3Server pop3;
    private final ImapServer imap;
    private final Outbound outbound;
    private final Collector collector;
    private final Clock clock;
    /** The configuration in use, and the directory built from its address rules. */
    private volatile PostroomConfig config;
    private volatile Directory directory;
    private Router router;

    Reload(PostroomConfig config, Database database, Directory directory, Router router, MaildirStore store, SmtpServer smtp,
            Pop3Server pop3, ImapServer imap, Outbound outbound, Collector collector, Clock clock) {
        this.router = router;
        this.config = config;
        this.database = database;
        this.directory = directory;
        this.store = store;
        this.smtp = smtp;
        this.pop3 = pop3;
        this.imap = imap;
        this.outbound = outbound;
        this.collector = collector;
        this.clock = clock;
    }

    Directory directory() {
        return directory;
    }

    /** The configuration in use: the one loaded at start, or by the last reload that applied. */
    PostroomConfig config() {
        return config;
    }

    synchronized ReloadResult run() {
        PostroomConfig running = config;
        Path dataDir = running.dataDir();
        PostroomConfig next;
        Optional<String> digest;
        Tls tls;
        Optional<DeliveryAgent> agent = Optional.empty();
        try {
            digest = LoadedConfig.digestOnDisk(dataDir); // before parsing: an edit in between shows as "changed on disk"
            next = ConfigLoader.load(dataDir);
            tls = ServerCertificate.load(next, clock.instant(), smtp.handshakeFailures()); // as at start; failures counted on
            if (!next.relay().equals(running.relay()) || !next.queue().equals(running.queue())) agent = Optional.of(outbound.agent(next));
        } catch (IOException | RuntimeException e) { // a ConfigException names the file, line and key
            ReloadResult failed = ReloadResult.failed(e.getMessage() == null ? e.toString() : e.getMessage());
            log.error("reload: {}", failed.lines().getFirst());
            return failed;
        }

        List<String> applied = new ArrayList<>();
        if (!next.tls().equals(running.tls())) applied.add("[tls] certificate and key");
        Directory dir = next.addresses().equals(running.addresses()) ? directory : new Directory(database, next.addresses());
        boolean routingChanged = dir != directory || !next.delivery().equals(running.delivery())
                || next.relay().enabled() != running.relay().enabled();
        Router routing = routingChanged ? new Router(dir, store, next.delivery().quotaExceeded(), next.relay().enabled()) : router;
        smtp.reconfigure(next, dir, routing, tls); // a session takes the Tls current when it starts (STARTTLS, TLS ports)
        pop3.reconfigure(next, dir, tls);
        imap.reconfigure(next, dir, tls);
        if (!next.smtp().equals(running.smtp())) applied.add("[smtp]");
        if (!next.pop3().equals(running.pop3())) applied.add("[pop3]");
        if (!next.imap().equals(running.imap())) applied.add("[imap]");
        if (!next.addresses().equals(running.addresses())) applied.add("[addresses]");
        if (!next.delivery().equals(running.delivery())) applied.add("[delivery]");
        boolean relayChanged = !next.relay().equals(running.relay());
        if (agent.isPresent()) {
            outbound.reconfigure(next, agent.get());
            if (relayChanged) applied.add("[relay]");
            if (!next.queue().equals(running.queue())) applied.add("[queue]");
        }
        // The collector routes through the router too: a new directory, quota mode or relay switch rebuilds its accounts.
        if (!next.collect().equals(running.collect()) || routingChanged) {
            applied.add("[[collect.account]]: " + collector.reconfigure(next.collect(), dir, routing));
        }
        directory = dir;
        router = routing;
        config = next;

        try {
            LoadedConfig.inUse(dataDir, digest);
            if (relayChanged) outbound.runner().retryConfigurationProblems();
        } catch (IOException e) {
            log.warn("reload: {}", e.toString());
        }
        ReloadResult result = new ReloadResult(applied, RestartSettings.changed(running, next), Optional.empty());
        for (String line : result.lines()) {
            if (line.startsWith("needs a restart")) log.warn("reload: {}", line);
            else log.info("reload: {}", line);
        }
        return result;
    }
}
