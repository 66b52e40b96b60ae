package org.postroom.admin;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.postroom.config.AddressRules;
import org.postroom.config.ConfigException;
import org.postroom.config.ConfigLoader;
import org.postroom.directory.Database;
import org.postroom.directory.DatabaseException;
import org.postroom.directory.Directory;
import org.postroom.directory.DirectoryException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code postroom user|alias|group|domain ...} command does around its own work: find the data folder,
 * open the existing database (never create one: that is {@code postroom start}'s job), read the address rules from
 * {@code postroom.toml} so the CLI matches addresses as the server does, and turn refusals into a message on
 * stderr and an exit code from {@link ExitCodes}.
 */
abstract class DirectoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions options;

    @Mixin
    HelpOption help;

    /** The open database, while {@link #run} runs. */
    private Database database;

    /** The command's own work. Returns an exit code; refusals are thrown. */
    abstract int run(Directory dir, Output out);

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return open(err);
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }

    /** Who acts, for the audit trail (issue 13): the command line and the system user who ran it. */
    static String actor() {
        return "cli:" + Caller.current().user();
    }

    /** The users' service, over this command's database and the data folder's mailboxes. */
    org.postroom.service.UserService users(Directory dir) {
        Path data = folder();
        java.time.Clock clock = java.time.Clock.systemUTC();
        return new org.postroom.service.UserService(() -> dir, data,
                new org.postroom.store.MaildirStore(new org.postroom.server.DataFolder(data).mail(), "admin"),
                org.postroom.service.Audit.offline(data, clock), clock);
    }

    /** The aliases', groups' and domains' service. */
    org.postroom.service.AddressBook book(Directory dir) {
        return new org.postroom.service.AddressBook(() -> dir, org.postroom.service.Audit.offline(folder(), java.time.Clock.systemUTC()));
    }

    /** The API tokens' service. */
    org.postroom.service.TokenService tokens(Directory dir) {
        java.time.Clock clock = java.time.Clock.systemUTC();
        return new org.postroom.service.TokenService(() -> dir, new org.postroom.directory.ApiTokens(database),
                org.postroom.service.Audit.offline(folder(), clock), clock);
    }

    /** The data folder, absolute. */
    Path folder() {
        return options.data().toAbsolutePath().normalize();
    }

    private int open(PrintWriter err) {
        Path folder = folder();
        if (!Files.isDirectory(folder)) return fail(err, ExitCodes.UNAVAILABLE, "no data folder at " + folder + " (`postroom start` makes it)");
        Path file = Database.fileIn(folder);
        if (!Files.isRegularFile(file)) return fail(err, ExitCodes.UNAVAILABLE, "no database at " + file + " (`postroom start` makes it)");
        AddressRules rules;
        try {
            rules = ConfigLoader.load(folder).addresses();
        } catch (ConfigException e) {
            return fail(err, ExitCodes.CONFIG, e.getMessage());
        }
        try (Database db = Database.openExisting(file)) {
            this.database = db;
            return run(new Directory(db, rules), new Output(spec.commandLine().getOut(), options.format()));
        } catch (UsageError e) {
            return fail(err, ExitCodes.USAGE, e.getMessage());
        } catch (DirectoryException e) {
            return fail(err, exitCode(e.kind()), e.getMessage());
        } catch (DatabaseException e) {
            return fail(err, ExitCodes.UNAVAILABLE, e.getMessage());
        } catch (java.io.UncheckedIOException e) { // a service's file work failed after its change (a mailbox not moved)
            return fail(err, ExitCodes.UNAVAILABLE, e.getMessage());
        }
    }

    static int exitCode(DirectoryException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> ExitCodes.NO_SUCH;
            case CONFLICT -> ExitCodes.CONFLICT;
            case INVALID -> ExitCodes.USAGE;
        };
    }

    private int fail(PrintWriter err, int code, String message) {
        err.println(spec.qualifiedName() + ": " + message);
        return code;
    }

    /** For a command's own refusals: {@code message} on stderr, {@code code} returned. */
    int fail(int code, String message) {
        return fail(spec.commandLine().getErr(), code, message);
    }
}
