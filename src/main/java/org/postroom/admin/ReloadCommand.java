package org.postroom.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.postroom.config.ConfigException;
import org.postroom.config.ConfigLoader;
import org.postroom.server.LoadedConfig;
import org.postroom.server.ReloadControl;
import org.postroom.server.ReloadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code postroom reload [--check]}: the running server reads {@code postroom.toml} again, as on SIGHUP, and this
 * command prints what it applied and what needs a restart. The file is checked here first, so a typo is reported
 * with its line and key and never reaches the server.
 */
@Command(name = "reload", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = {"Apply postroom.toml to the running server without a restart (SIGHUP does the same): TLS files, "
                + "[smtp]/[pop3] policies, [addresses], [delivery], [relay], [queue] and the collect accounts.",
                "Ports, the bind address, the host name, connection limits, [auth] and [relay] max_connections are "
                        + "used only at start: a change to them is printed as \"needs a restart\".",
                "A file with an error changes nothing: the server keeps running with what it has."})
public final class ReloadCommand implements Callable<Integer> {
    /** How long to wait for the running server's answer. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions options;

    @Mixin
    HelpOption help;

    @Option(names = "--check", description = "Only say whether postroom.toml changed on disk since the running server loaded it.")
    boolean check;

    /** What {@code --format json} prints for {@code --check}. */
    record CheckView(boolean serverRunning, boolean changedOnDisk) {}

    /** What {@code --format json} prints after a reload. */
    record ReloadView(java.util.List<String> applied, java.util.List<String> needsRestart) {}

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Output out = new Output(spec.commandLine().getOut(), options.format());
        Path folder = options.data().toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(folder)) return fail(ExitCodes.UNAVAILABLE, "no data folder at " + folder + " (`postroom start` makes it)");
            try {
                ConfigLoader.load(folder);
            } catch (ConfigException e) {
                return fail(ExitCodes.CONFIG, e.getMessage() + " (nothing reloaded: the running configuration stays)");
            }
            boolean runs = ReloadControl.serverRuns(folder);
            if (check) {
                boolean changed = runs && LoadedConfig.changedOnDisk(folder);
                out.result(new CheckView(runs, changed), !runs ? "no server is running; postroom.toml is read when it starts"
                        : changed ? "postroom.toml changed on disk since the running server loaded it: `postroom reload` applies it"
                        : "the running server uses postroom.toml as it is on disk");
                return ExitCodes.OK;
            }
            if (!runs) {
                out.line("no server is running; postroom.toml is read when it starts");
                return ExitCodes.OK;
            }
            ReloadResult result = ReloadControl.throughServer(folder, PATIENCE);
            if (!result.ok()) return fail(ExitCodes.CONFIG, result.lines().getFirst());
            if (out.isJson()) out.json(new ReloadView(result.applied(), result.needsRestart()));
            else result.lines().forEach(out::line);
            return ExitCodes.OK;
        } catch (IOException e) {
            return fail(ExitCodes.UNAVAILABLE, e.getMessage());
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }

    private int fail(int code, String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
        return code;
    }
}
