package org.postroom.admin;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.postroom.config.AuthSettings;
import org.postroom.config.ConfigException;
import org.postroom.config.ConfigLoader;
import org.postroom.directory.Database;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.DatabaseException;
import org.postroom.directory.Directory;
import org.postroom.directory.LoginFailures;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What {@code postroom auth ...} commands share: the data folder's existing database, where the running server
 * counts failed logins ({@link LoginFailures}), and {@code [auth]} from {@code postroom.toml} (how many failures
 * lock, for how long). Nothing goes through the server: it reads the same rows before every login.
 */
abstract class AuthBaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions options;

    @Mixin
    HelpOption help;

    /** {@code directory} tells which user a login names (failures are counted under the user's address). */
    abstract int run(LoginFailures failures, Directory directory, AuthSettings settings, Output out);

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
                return run(new LoginFailures(db), new Directory(db, config.addresses()), config.auth(),
                        new Output(spec.commandLine().getOut(), options.format()));
            }
        } catch (UsageError e) {
            return fail(ExitCodes.USAGE, e.getMessage());
        } catch (DatabaseException e) {
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
}
