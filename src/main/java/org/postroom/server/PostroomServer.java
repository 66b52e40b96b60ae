package org.postroom.server;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postroom.collect.CollectLedger;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Database;
import org.postroom.directory.Directory;
import org.postroom.directory.LoginFailures;
import org.postroom.files.OwnerOnly;
import org.postroom.intake.Intake;
import org.postroom.net.LoginGuard;
import org.postroom.net.Tls;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.pop3.server.Pop3Server;
import org.postroom.router.Router;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.smtp.server.SmtpServer;
import org.postroom.store.MaildirStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Postroom: every service built from one configuration and one data folder. */
public final class PostroomServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostroomServer.class);

    private final Database database;
    /** What a reload replaces: the configuration in use, and the directory built from its address rules. */
    private volatile PostroomConfig config;
    private volatile Directory directory;
    private final MaildirStore store;
    private final Tls tls;
    private final SmtpServer smtp;
    private final Pop3Server pop3;
    private final Outbound outbound;
    private final org.postroom.collect.Collector collector;
    private final Optional<org.postroom.collect.CollectControl> collectControl;
    private Optional<ReloadControl> reloadControl = Optional.empty();

    private PostroomServer(PostroomConfig config, Database database, Directory directory, MaildirStore store, Tls tls, SmtpServer smtp,
            Pop3Server pop3, Outbound outbound, org.postroom.collect.Collector collector,
            Optional<org.postroom.collect.CollectControl> collectControl) {
        this.config = config;
        this.collector = collector;
        this.collectControl = collectControl;
        this.database = database;
        this.directory = directory;
        this.store = store;
        this.tls = tls;
        this.smtp = smtp;
        this.pop3 = pop3;
        this.outbound = outbound;
    }

    /** Starts every service; the data folder must have been initialized ({@link DataFolder#initialize}). */
    public static PostroomServer start(PostroomConfig config, Clock clock) throws IOException {
        DataFolder data = new DataFolder(config.dataDir());
        if (!data.isInitialized()) throw new IOException("no database in " + config.dataDir() + "; run `postroom start` once to set it up");
        // Taken before the file is read again below: an edit in between shows as "changed on disk" (LoadedConfig).
        Optional<String> digest = LoadedConfig.digestOnDisk(config.dataDir());
        data.clearTmp();
        OwnerOnly.createDirectories(data.mail());

        Tls tls = ServerCertificate.load(config, clock.instant()); // a ConfigException names the [tls] setting at fault

        Database database = Database.open(data.database());
        try {
            SecretFiles.warnIfExposed(config, data);
            Directory directory = new Directory(database, config.addresses());
            MaildirStore store = new MaildirStore(data.mail(), config.server().hostname());
            // Collected mail recorded but not yet linked into its mailboxes when Postroom stopped: finish it while its
            // tmp/ file is still there and before anyone can log in (CollectLedger.finishPending).
            CollectLedger collectLedger = new CollectLedger(database);
            int finished = collectLedger.finishPending(config.dataDir(), null);
            if (finished > 0) log.info("finished {} collected message(s) a stop left half-delivered", finished);
            store.removeLeftovers();
            Router router = new Router(directory, store, config.delivery().quotaExceeded(), config.relay().enabled());
            Outbound outbound = Outbound.prepare(config, data, clock);
            Intake intake = new Intake(store, Optional.of(outbound.queue()), config.server().hostname(), config.smtp().maxReceivedHeaders(), clock);
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
                pop3 = new Pop3Server(config, directory, store, tls, logins);
            } catch (IOException | RuntimeException e) {
                smtp.close();
                outbound.close();
                throw e;
            }
            // The collector: its own lock lets `postroom collect now` find the running server (CollectControl).
            org.postroom.collect.Collector collector = new org.postroom.collect.Collector(config.collect(), directory, router, intake,
                    collectLedger, config.dataDir(), clock, org.postroom.pop3.client.Pop3Timeouts.DEFAULT);
            Optional<org.postroom.collect.CollectControl> collectControl;
            try {
                collectControl = org.postroom.collect.CollectControl.tryAcquire(config.dataDir());
            } catch (IOException | RuntimeException e) {
                pop3.close();
                smtp.close();
                outbound.close();
                throw e;
            }
            collectControl.ifPresent(c -> c.serve(config.dataDir(), collector));
            collector.start();
            PostroomServer server = new PostroomServer(config, database, directory, store, tls, smtp, pop3, outbound, collector, collectControl);
            server.serveReloads(digest);
            log.info("Postroom is running: data in {}", config.dataDir().toAbsolutePath());
            return server;
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public Directory directory() {
        return directory;
    }

    /** `postroom reload` finds this server through its lock; the file in use is recorded for "changed on disk". */
    private void serveReloads(Optional<String> digest) {
        try {
            LoadedConfig.inUse(config.dataDir(), digest);
            reloadControl = ReloadControl.tryAcquire(config.dataDir());
            reloadControl.ifPresent(c -> c.serve(config.dataDir(), this::reload));
        } catch (IOException e) {
            log.warn("reload: `postroom reload` cannot reach this server ({}); SIGHUP still reloads", e.toString());
        }
    }

    /**
     * Reads {@code postroom.toml} again and applies what a running server can take (SIGHUP, {@code postroom reload}):
     * the TLS pair (re-read), policies ({@code [smtp]}, {@code [pop3]}, {@code [addresses]}, {@code [delivery]}, for
     * sessions that start from now on), {@code [relay]} and {@code [queue]} (mail deferred for a configuration problem
     * is tried at once after a relay change), and the collect accounts. Settings used only at start are reported as
     * needing a restart. A file that does not load, or a TLS pair that does not, changes nothing.
     */
    public synchronized ReloadResult reload() {
        PostroomConfig running = config;
        Path dataDir = running.dataDir();
        PostroomConfig next;
        Optional<String> digest;
        javax.net.ssl.SSLContext context;
        Optional<org.postroom.queue.DeliveryAgent> agent = Optional.empty();
        try { // everything that can fail, before anything is applied
            digest = LoadedConfig.digestOnDisk(dataDir);
            next = org.postroom.config.ConfigLoader.load(dataDir);
            context = TlsFiles.serverContext(next.resolve(next.tls().certificate()), next.resolve(next.tls().key()));
            if (!next.relay().equals(running.relay()) || !next.queue().equals(running.queue())) agent = Optional.of(outbound.agent(next));
        } catch (IOException | RuntimeException e) { // ConfigException names the file, line and key
            ReloadResult failed = ReloadResult.failed(e.getMessage() == null ? e.toString() : e.getMessage());
            log.error("reload: {}", failed.lines().getFirst());
            return failed;
        }
        List<String> applied = new ArrayList<>();
        tls.replace(context);
        if (!next.tls().equals(running.tls())) applied.add("[tls] certificate and key");
        Directory dir = next.addresses().equals(running.addresses()) ? directory : new Directory(database, next.addresses());
        Router router = new Router(dir, store, next.delivery().quotaExceeded(), next.relay().enabled());
        smtp.reconfigure(next, dir, router);
        pop3.reconfigure(next, dir);
        for (String table : new String[] {"smtp", "pop3", "addresses", "delivery"}) {
            if (!tableOf(running, table).equals(tableOf(next, table))) applied.add("[" + table + "]");
        }
        boolean relayChanged = !next.relay().equals(running.relay());
        if (agent.isPresent()) {
            outbound.reconfigure(next, agent.get());
            applied.add(relayChanged ? "[relay]" + (next.queue().equals(running.queue()) ? "" : ", [queue]") : "[queue]");
        }
        if (!next.collect().equals(running.collect()) || dir != directory) {
            applied.add("[[collect.account]]: " + collector.reconfigure(next.collect(), dir));
        }
        directory = dir;
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

    private static Object tableOf(PostroomConfig c, String table) {
        return switch (table) {
            case "smtp" -> c.smtp();
            case "pop3" -> c.pop3();
            case "addresses" -> c.addresses();
            default -> c.delivery();
        };
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

    /**
     * Stops in order: no new sessions; idle SMTP sessions told 421 and idle POP3 sessions closed without deleting
     * anything; transactions in DATA and messages being sent finish; then the database.
     */
    @Override
    public void close() {
        log.info("Postroom is stopping");
        reloadControl.ifPresent(ReloadControl::close);
        collector.close(); // a cycle in progress finishes its message and is recorded; later messages wait for the next start
        collectControl.ifPresent(c -> {
            try {
                c.close();
            } catch (IOException e) {
                log.warn("collect control: {}", e.toString());
            }
        });
        pop3.close();
        smtp.close();
        outbound.close(); // attempts in progress finish and are recorded; notices may still need the directory
        database.close();
        log.info("Postroom stopped");
    }
}
