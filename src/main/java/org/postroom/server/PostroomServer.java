package org.postroom.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Database;
import org.postroom.directory.Directory;
import org.postroom.intake.Intake;
import org.postroom.net.AuthThrottle;
import org.postroom.net.Tls;
import org.postroom.net.TlsFiles;
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
    private final Directory directory;
    private final SmtpServer smtp;
    private final Pop3Server pop3;

    private PostroomServer(Database database, Directory directory, SmtpServer smtp, Pop3Server pop3) {
        this.database = database;
        this.directory = directory;
        this.smtp = smtp;
        this.pop3 = pop3;
    }

    /** Starts every service; the data folder must have been initialized ({@link DataFolder#initialize}). */
    public static PostroomServer start(PostroomConfig config, Clock clock) throws IOException {
        DataFolder data = new DataFolder(config.dataDir());
        if (!data.isInitialized()) throw new IOException("no database in " + config.dataDir() + "; run `postroom start` once to set it up");
        data.clearTmp();
        Files.createDirectories(data.mail());

        Path certificate = config.resolve(config.tls().certificate());
        Path key = config.resolve(config.tls().key());
        TlsFiles.createSelfSignedIfMissing(certificate, key, config.server().hostname());
        Tls tls = new Tls(TlsFiles.serverContext(certificate, key));

        Database database = Database.open(data.database());
        try {
            Directory directory = new Directory(database, config.addresses());
            MaildirStore store = new MaildirStore(data.mail(), config.server().hostname());
            store.removeLeftovers();
            Router router = new Router(directory, store, config.delivery().quotaExceeded());
            Intake intake = new Intake(store, config.server().hostname(), config.smtp().maxReceivedHeaders(), clock);
            AuthThrottle throttle = new AuthThrottle(config.auth(), clock);
            SmtpServer smtp = new SmtpServer(config, directory, router, intake, tls, throttle);
            Pop3Server pop3;
            try {
                pop3 = new Pop3Server(config, directory, store, tls, throttle);
            } catch (IOException | RuntimeException e) {
                smtp.close();
                throw e;
            }
            log.info("Postroom is running: data in {}", config.dataDir().toAbsolutePath());
            return new PostroomServer(database, directory, smtp, pop3);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public Directory directory() {
        return directory;
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
        pop3.close();
        smtp.close();
        database.close();
        log.info("Postroom stopped");
    }
}
