package org.postroom.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.postroom.config.ConfigException;
import org.postroom.config.ConfigLoader;
import org.postroom.config.PostroomConfig;
import org.postroom.relay.SmarthostProbe;
import org.postroom.service.RelayTestService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code postroom relay test}: connects to each smarthost in postroom.toml as the relay does (EHLO, STARTTLS, the
 * certificate, AUTH, QUIT) and prints each step's reply, with a hint for the step that failed. Sends no mail; the
 * password is never printed.
 */
@Command(name = "test", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = {"Connect to the smarthost(s) in postroom.toml as the relay does: EHLO, STARTTLS, the certificate (names, "
                + "expiry, SHA-256 fingerprint, whether trusted), AUTH with the configured login, QUIT.",
                "Each step's reply is printed, and a plain-language hint for the one that failed. No mail is sent.",
                "Exit status 0 when every smarthost passed, 69 when one failed, 78 when postroom.toml has an error."})
final class RelayTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions options;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
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
            RelayTestService.Result result = new RelayTestService(() -> config).test();
            if (out.isJson()) out.json(result);
            else print(out, result);
            return result.ok() ? ExitCodes.OK : result.configured() ? ExitCodes.UNAVAILABLE : ExitCodes.CONFIG;
        } catch (IOException e) {
            return fail(ExitCodes.UNAVAILABLE, e.getMessage());
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }

    private static void print(Output out, RelayTestService.Result result) {
        for (SmarthostProbe.Report r : result.smarthosts()) {
            out.line("smarthost " + r.smarthost() + " (tls " + r.tls() + (r.login() == null ? ", no login" : ", login " + r.login()) + "): "
                    + (r.ok() ? "OK" : "FAILED"));
            out.table(List.of("  STEP", "RESULT", "REPLY"), r.steps().stream()
                    .map(s -> List.of("  " + s.step(), s.outcome(), s.reply() == null ? "" : s.reply())).toList());
            if (r.certificate() != null) {
                SmarthostProbe.Certificate c = r.certificate();
                List<List<String>> f = new ArrayList<>();
                f.add(List.of("  certificate", c.subject()));
                f.add(List.of("  names", c.names().isEmpty() ? "(none)" : String.join(", ", c.names())));
                f.add(List.of("  issuer", c.issuer()));
                f.add(List.of("  expires", c.notAfter() + " (" + (c.daysLeft() < 0 ? "EXPIRED" : "in " + c.daysLeft() + " days") + ")"));
                f.add(List.of("  SHA-256", c.sha256()));
                f.add(List.of("  trusted", (c.trusted() ? "yes" : "NO") + " (trust = \"" + c.trust() + "\""
                        + (c.problem() == null ? "" : ": " + c.problem()) + "); the JDK's authorities: " + (c.jdkTrusts() ? "yes" : "no")));
                out.fields(f);
            }
            if (r.hint() != null) out.line("  hint: " + r.hint());
            out.line("");
        }
        out.line(result.note());
    }

    private int fail(int code, String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
        return code;
    }
}
