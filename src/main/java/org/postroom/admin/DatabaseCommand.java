package org.postroom.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.postroom.config.ConfigException;
import org.postroom.config.ConfigLoader;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Database;
import org.postroom.directory.DatabaseException;
import org.postroom.directory.Directory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What a command on the data folder's existing database does around its own work ({@code postroom auth ...},
 * {@code postroom collect ...}): find the data folder, read {@code postroom.toml}, open the database (never create
 * it: {@code postroom start} does), and turn problems into a message on stderr and an exit code.
 */
abstract class DatabaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions options;

    @Mixin
    HelpOption help;

    /** The data folder, its configuration, and its database open for the command's run. */
    record Setup(Path folder, PostroomConfig config, Database db, Directory directory) {}

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
        } catch (UsageError e) {
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
}
