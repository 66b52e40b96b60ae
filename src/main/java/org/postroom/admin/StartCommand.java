package org.postroom.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.postroom.config.ConfigException;
import org.postroom.config.ConfigLoader;
import org.postroom.config.PostroomConfig;
import org.postroom.control.CommandSocket;
import org.postroom.imap.server.ImapDoor;
import org.postroom.message.AddressParser;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.server.DataFolder;
import org.postroom.server.LogFiles;
import org.postroom.server.PostroomServer;
import org.postroom.smtp.server.SmtpDoor;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code postroom start}: sets up the data folder on first use, then runs Postroom in the foreground until
 * Ctrl-C (SIGINT) or SIGTERM, when it stops cleanly.
 */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start Postroom in the foreground (Ctrl-C stops it).")
public final class StartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "${POSTROOM_DATA:-data}", description = "The data folder (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--domain", defaultValue = "office.lan",
            description = "The local mail domain, used on first start only (default: ${DEFAULT-VALUE}).")
    String domain;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!AddressParser.isDomain(domain)) {
            err.println("postroom: --domain " + domain + " is not a valid domain name");
            return ExitCodes.USAGE;
        }
        DataFolder folder = new DataFolder(data);
        PostroomConfig config;
        try {
            // Validate before touching anything, then set up a new folder with the validated address rules.
            folder.initialize(domain, ConfigLoader.load(data).addresses()).ifPresent(first -> {
                out.println("postroom: new data folder " + data.toAbsolutePath() + " for domain " + first.address().domain());
                out.println("postroom: administrator account " + first.address() + " has the password: " + first.password());
                out.println("postroom: this password is shown only once; change it with `postroom user passwd "
                        + first.address() + "`");
            });
            config = ConfigLoader.load(data);
        } catch (ConfigException e) {
            err.println("postroom: refusing to start: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        out.flush();
        LogFiles.addFileLog(folder.logs(), config.log());

        PostroomServer server;
        try {
            server = PostroomServer.start(config, Clock.systemDefaultZone());
        } catch (ConfigException e) { // [tls] files that cannot serve, found only when the server reads them
            err.println("postroom: refusing to start: " + e.getMessage());
            return ExitCodes.CONFIG;
        } catch (IOException e) {
            err.println("postroom: cannot start: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        out.println("postroom: web on " + (server.webIsHttps() ? "https" : "http") + "://" + config.web().bindAddress() + ":" + server.webPort()
                + " (/metrics, /healthz, /readyz)");
        out.println("postroom: SMTP on " + server.smtpPort(SmtpDoor.MTA) + ", submission on " + server.smtpPort(SmtpDoor.SUBMISSION)
                + ", submission over TLS on " + server.smtpPort(SmtpDoor.SUBMISSIONS)
                + ", POP3 on " + server.pop3Port(Pop3Door.POP3) + ", POP3 over TLS on " + server.pop3Port(Pop3Door.POP3S)
                + ", IMAP on " + server.imapPort(ImapDoor.IMAP) + ", IMAP over TLS on " + server.imapPort(ImapDoor.IMAPS) + "; Ctrl-C stops");
        out.flush();

        // SIGINT (Ctrl-C) and SIGTERM end the wait below; the server is then closed here, in order, and the
        // command exits 0 (a shutdown hook would make the JVM exit with 130/143, which service managers flag).
        CountDownLatch stopRequested = new CountDownLatch(1);
        PostroomServer running = server;
        // SIGHUP reloads postroom.toml, as `postroom reload` does; the outcome is logged (ReloadResult). A signal that
        // was ignored when the JVM started (nohup) stays ignored: the JVM installs no handler for it, and says so only
        // in what this returns.
        var before = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> Thread.ofVirtual().name("reload").start(running::reload));
        if (before == sun.misc.SignalHandler.SIG_IGN) {
            LoggerFactory.getLogger(StartCommand.class).warn("SIGHUP is ignored in this process (started under nohup?): it will not "
                    + "reload the configuration; `postroom reload` will");
        }
        for (String signal : new String[] {"INT", "TERM"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stopRequested.countDown());
        }
        // Admin commands on this data folder are handed to this server from now on (RemoteCommand).
        Optional<CommandSocket> commands = CommandSocket.open(data, RemoteCommand.handler(data));
        stopRequested.await();
        commands.ifPresent(CommandSocket::close); // first: a command from now on runs in its own JVM
        server.close();
        return ExitCodes.OK;
    }
}
