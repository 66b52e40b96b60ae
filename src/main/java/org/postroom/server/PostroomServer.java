package org.postroom.server;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.postroom.collect.CollectLedger;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Database;
import org.postroom.directory.Directory;
import org.postroom.directory.LoginFailures;
import org.postroom.files.OwnerOnly;
import org.postroom.imap.server.ImapDoor;
import org.postroom.imap.server.ImapServer;
import org.postroom.intake.Intake;
import org.postroom.net.HandshakeLog;
import org.postroom.net.LoginGuard;
import org.postroom.net.Tls;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.pop3.server.Pop3Server;
import org.postroom.router.Router;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.smtp.server.SmtpServer;
import org.postroom.store.MaildirStore;
import org.postroom.trace.Trace;
import org.postroom.trace.metrics.Metrics;
import org.postroom.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Postroom: every service built from one configuration and one data folder. */
public final class PostroomServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostroomServer.class);

    private final Database database;
    private final PostroomConfig config;
    private final Reload reload;
    private final SmtpServer smtp;
    private final Pop3Server pop3;
    private final ImapServer imap;
    private final Outbound outbound;
    private final MaildirStore store;
    private final org.postroom.collect.Collector collector;
    private final Optional<org.postroom.collect.CollectControl> collectControl;
    private final Trace trace;
    private Optional<ReloadControl> reloadControl = Optional.empty();
    private Metrics metrics;
    private Optional<WebServer> web = Optional.empty();

    private PostroomServer(PostroomConfig config, Clock clock, Database database, Directory directory, Router router, MaildirStore store,
            SmtpServer smtp, Pop3Server pop3, ImapServer imap, Outbound outbound, org.postroom.collect.Collector collector,
            Optional<org.postroom.collect.CollectControl> collectControl, Trace trace) {
        this.trace = trace;
        this.config = config;
        this.collector = collector;
        this.collectControl = collectControl;
        this.database = database;
        this.reload = new Reload(config, database, directory, router, store, smtp, pop3, imap, outbound, collector, clock);
        this.smtp = smtp;
        this.pop3 = pop3;
        this.imap = imap;
        this.outbound = outbound;
        this.store = store;
    }

    /** Starts every service; the data folder must have been initialized ({@link DataFolder#initialize}). */
    public static PostroomServer start(PostroomConfig config, Clock clock) throws IOException {
        DataFolder data = new DataFolder(config.dataDir());
        if (!data.isInitialized()) throw new IOException("no database in " + config.dataDir() + "; run `postroom start` once to set it up");
        // Taken before the file is read again below: an edit in between shows as "changed on disk" (LoadedConfig).
        Optional<String> digest = LoadedConfig.digestOnDisk(config.dataDir());
        data.clearTmp();
        OwnerOnly.createDirectories(data.mail());

        HandshakeLog handshakes = new HandshakeLog(); // one for every Tls a reload makes: its counts go on
        Tls tls = ServerCertificate.load(config, clock.instant(), handshakes); // a ConfigException names the [tls] setting at fault

        Database database = Database.open(data.database());
        Trace trace = null;
        try {
            trace = Trace.open(config.dataDir(), config.trace(), clock); // data/trace.db: every step of every message
            Metrics metrics = new Metrics();
            trace.subscribe(metrics.mail()); // before any door opens: every message counted, tracing on or off
            SecretFiles.warnIfExposed(config, data);
            Directory directory = new Directory(database, config.addresses());
            MaildirStore store = new MaildirStore(data.mail(), config.server().hostname());
            // Collected mail recorded but not yet linked into its mailboxes when Postroom stopped: finish it while its
            // tmp/ file is still there and before anyone can log in (CollectLedger.finishPending).
            CollectLedger collectLedger = new CollectLedger(database);
            int finished = collectLedger.finishPending(config.dataDir(), null);
            if (finished > 0) log.info("finished {} collected message(s) a stop left half-delivered", finished);
            store.removeLeftovers();
            SpecialFolders.ensure(directory, store); // issue 11: Sent, Drafts, Trash, Junk for users made before IMAP
            Router router = new Router(directory, store, config.delivery().quotaExceeded(), config.relay().enabled());
            Outbound outbound = Outbound.prepare(config, data, clock);
            Intake intake = new Intake(store, Optional.of(outbound.queue()), config.server().hostname(), config.smtp().maxReceivedHeaders(), clock,
                    trace);
            outbound.start(router, intake, directory, data); // before the doors open: it must see every queued message
            // Failed logins are counted in the database, where `postroom auth locked|unlock` reach them; the office
            // networks of [pop3] are where only the login, never the address, is locked.
            LoginGuard logins = new LoginGuard(directory, new LoginFailures(database), config.auth(), config.pop3()::inOffice, clock);
            SmtpServer smtp;
            Pop3Server pop3;
            try {
                smtp = new SmtpServer(config, directory, router, intake, tls, logins);
            } catch (IOException | RuntimeException e) {
                outbound.close();
                throw e;
            }
            try {
                pop3 = new Pop3Server(config, directory, store, tls, logins, trace);
            } catch (IOException | RuntimeException e) {
                smtp.close();
                outbound.close();
                throw e;
            }
            ImapServer imap;
            try {
                imap = new ImapServer(config, directory, store, tls, logins, trace);
            } catch (IOException | RuntimeException e) {
                pop3.close();
                smtp.close();
                outbound.close();
                throw e;
            }
            // The collector: its own lock lets `postroom collect now` find the running server (CollectControl).
            // Its accounts: postroom.toml's, and those kept in the database (added from the console, API or CLI).
            org.postroom.collect.StoredAccounts storedAccounts = new org.postroom.collect.StoredAccounts(database, config.dataDir());
            org.postroom.collect.Collector collector = new org.postroom.collect.Collector(config.collect(), storedAccounts::accounts, directory,
                    router, intake, collectLedger, config.dataDir(), clock, org.postroom.pop3.client.Pop3Timeouts.DEFAULT);
            Optional<org.postroom.collect.CollectControl> collectControl;
            try {
                collectControl = org.postroom.collect.CollectControl.tryAcquire(config.dataDir());
            } catch (IOException | RuntimeException e) {
                imap.close();
                pop3.close();
                smtp.close();
                outbound.close();
                throw e;
            }
            collectControl.ifPresent(c -> c.serve(config.dataDir(), collector));
            collector.start();
            PostroomServer server = new PostroomServer(config, clock, database, directory, router, store, smtp, pop3, imap, outbound,
                    collector, collectControl, trace);
            try {
                server.metrics = metrics;
                server.web = Optional.of(WebFace.open(metrics, config, clock, tls, logins, handshakes, database, smtp, pop3, imap, outbound, collector,
                        server::directory, trace, store, server::currentConfig, server::reload));
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            server.serveReloads(digest);
            log.info("Postroom is running: data in {}", config.dataDir().toAbsolutePath());
            return server;
        } catch (IOException | RuntimeException e) {
            if (trace != null) trace.close();
            database.close();
            throw e;
        }
    }

    /** Every step of every message as it happens: {@link Trace#subscribe} for the metrics. */
    public Trace trace() {
        return trace;
    }

    /** The mailboxes, with the registry of open folders every door shares (IMAP, POP3, deliveries). */
    public MaildirStore store() {
        return store;
    }

    /** The directory as the running configuration's address rules see it (a reload may replace it). */
    public Directory directory() {
        return reload.directory();
    }

    /** `postroom reload` finds this server through its lock; the file in use is recorded for "changed on disk". */
    private void serveReloads(Optional<String> digest) {
        try {
            LoadedConfig.inUse(config.dataDir(), digest);
            reloadControl = ReloadControl.tryAcquire(config.dataDir());
            reloadControl.ifPresent(c -> c.serve(config.dataDir(), reload::run));
        } catch (IOException e) {
            log.warn("reload: `postroom reload` cannot reach this server ({}); SIGHUP still reloads", e.toString());
        }
    }

    /** The configuration in use (a reload may replace it). */
    public PostroomConfig currentConfig() {
        return reload.config();
    }

    /** Reads {@code postroom.toml} again and applies what a running server can take ({@link Reload}). */
    public ReloadResult reload() {
        return reload.run();
    }

    /** The outbound queue and its runner. */
    public Outbound outbound() {
        return outbound;
    }

    public int smtpPort(SmtpDoor door) {
        return smtp.port(door);
    }

    public int pop3Port(Pop3Door door) {
        return pop3.port(door);
    }

    /** The web port (metrics, health), and whether it speaks HTTPS. */
    public int webPort() {
        return web.orElseThrow().port();
    }

    /** The console's registered routes (pages and API), as {@code /api/v1/openapi.json} describes them. */
    public org.postroom.web.console.Routes consoleRoutes() {
        return web.orElseThrow().console().orElseThrow().routes();
    }

    public boolean webIsHttps() {
        return web.orElseThrow().isHttps();
    }

    /** This server's metrics. */
    public Metrics metrics() {
        return metrics;
    }

    public int imapPort(ImapDoor door) {
        return imap.port(door);
    }

    /**
     * Stops in order: no new sessions; idle SMTP sessions told 421 and idle POP3 sessions closed without deleting
     * anything; transactions in DATA and messages being sent finish; then the database.
     */
    @Override
    public void close() {
        log.info("Postroom is stopping");
        web.ifPresent(WebServer::close); // first: /readyz must not say ready while the doors close
        reloadControl.ifPresent(ReloadControl::close);
        collector.close(); // a cycle in progress finishes its message and is recorded; later messages wait for the next start
        collectControl.ifPresent(c -> {
            try {
                c.close();
            } catch (IOException e) {
                log.warn("collect control: {}", e.toString());
            }
        });
        imap.close(); // idle IMAP sessions are told * BYE
        pop3.close();
        smtp.close();
        outbound.close(); // attempts in progress finish and are recorded; notices may still need the directory
        trace.close(); // after every door and the queue: their last steps are written
        database.close();
        log.info("Postroom stopped");
    }
}
