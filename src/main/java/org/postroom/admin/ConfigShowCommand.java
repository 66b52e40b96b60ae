package org.postroom.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.postroom.config.ConfigException;
import org.postroom.config.ConfigLoader;
import org.postroom.config.PostroomConfig;
import org.postroom.service.SettingsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code postroom config show}: every setting with its value (passwords masked) and where it came from, as the
 * console's settings page shows it ({@link SettingsService}); read from postroom.toml as it is on disk.
 */
@Command(name = "show", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Print every setting of postroom.toml with its value (passwords masked) and where it came from: the file's line, or the default.")
final class ConfigShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions options;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        Output out = new Output(spec.commandLine().getOut(), options.format());
        Path folder = options.data().toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(folder)) return fail(ExitCodes.UNAVAILABLE, "no data folder at " + folder + " (`postroom start` makes it)");
            PostroomConfig config;
            try {
                config = ConfigLoader.load(folder);
            } catch (ConfigException e) {
                return fail(ExitCodes.CONFIG, e.getMessage());
            }
            SettingsService.Settings settings = new SettingsService(() -> config, folder, () -> {
                throw new IllegalStateException("not in the CLI: `postroom reload`");
            }).show();
            if (out.isJson()) {
                out.json(settings);
            } else {
                out.table(java.util.List.of("KEY", "VALUE", "FROM"), settings.settings().stream()
                        .map(s -> java.util.List.of(s.key(), s.value(), s.source())).toList());
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            return fail(ExitCodes.UNAVAILABLE, e.getMessage());
        } finally {
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
        }
    }

    private int fail(int code, String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
        return code;
    }
}
