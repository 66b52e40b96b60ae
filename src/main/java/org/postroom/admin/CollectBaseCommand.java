package org.postroom.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.postroom.collect.CollectLedger;
import org.postroom.collect.Collector;
import org.postroom.config.ConfigException;
import org.postroom.config.ConfigLoader;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Database;
import org.postroom.directory.DatabaseException;
import org.postroom.directory.Directory;
import org.postroom.intake.Intake;
import org.postroom.pop3.client.Pop3Timeouts;
import org.postroom.router.Router;
import org.postroom.store.MaildirStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code postroom collect ...} command does around its own work: find the data folder, read
 * {@code postroom.toml} and open the database, and turn problems into a message on stderr and an exit code. A
 * command that runs cycles itself builds the same intake the server uses (without an outbound queue: the collector
 * never relays).
 */
abstract class CollectBaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions options;

    @Mixin
    HelpOption help;

    /** Everything a command needs; the collector is built on first use. */
    record Setup(Path folder, PostroomConfig config, Database db, Directory directory) {
        Collector collector() {
            MaildirStore store = new MaildirStore(folder.resolve("mail"), config.server().hostname());
            Intake intake = new Intake(store, config.server().hostname(), config.smtp().maxReceivedHeaders(), Clock.systemUTC());
            // The server's router, without outbound mail: collected mail never leaves again.
            Router router = new Router(directory, store, config.delivery().quotaExceeded());
            return new Collector(config.collect(), directory, router, intake, new CollectLedger(db), folder, Clock.systemUTC(), Pop3Timeouts.DEFAULT);
        }
    }

    abstract int run(Setup setup, Output out) throws IOException;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Path folder = options.data().toAbsolutePath().normalize();
            Path file = Database.fileIn(folder);
            if (!Files.isRegularFile(file)) return fail(ExitCodes.UNAVAILABLE, "no database at " + file + " (`postroom start` makes it)");
            PostroomConfig config;
            try {
                config = ConfigLoader.load(folder);
            } catch (ConfigException e) {
                return fail(ExitCodes.CONFIG, e.getMessage());
            }
            try (Database db = Database.openExisting(file)) {
                return run(new Setup(folder, config, db, new Directory(db, config.addresses())), new Output(spec.commandLine().getOut(), options.format()));
            }
        } catch (UsageError | IllegalArgumentException e) {
            return fail(ExitCodes.USAGE, e.getMessage());
        } catch (IOException | DatabaseException e) {
            return fail(ExitCodes.UNAVAILABLE, e.getMessage());
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }

    int fail(int code, String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
        return code;
    }

    static String when(java.time.Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
