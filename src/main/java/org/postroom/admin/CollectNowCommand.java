package org.postroom.admin;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postroom.collect.CollectControl;
import org.postroom.collect.CycleReport;
import org.postroom.server.LoadedConfig;
import org.postroom.trace.Trace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom collect now [ACCOUNT]}: a cycle at once, through the running server or, when none runs, here. */
@Command(name = "now", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Run a collection cycle now for one account, or for all of them.")
final class CollectNowCommand extends CollectBaseCommand {
    /** How long to wait for the running server's cycles. */
    static final Duration PATIENCE = Duration.ofMinutes(10);

    @Parameters(paramLabel = "ACCOUNT", arity = "0..1", description = "The account (default: all).")
    String account;

    @Override
    int collect(Setup setup, Output out) throws IOException {
        Optional<String> which = Optional.ofNullable(account);
        CollectControl.Reply reply;
        Optional<CollectControl> lock = CollectControl.tryAcquire(setup.folder());
        if (lock.isPresent()) {
            // No server runs: this command collects, and writes the trace itself.
            try (CollectControl held = lock.get();
                    Trace trace = Trace.open(setup.folder(), setup.config().trace(), java.time.Clock.systemUTC())) {
                reply = CollectControl.runDirectly(collector(setup, trace), which);
            }
        } else {
            reply = CollectControl.throughServer(setup.folder(), which, PATIENCE);
        }
        if (!reply.ok()) {
            boolean unknown = reply.message().startsWith("no collect account");
            String hint = unknown && lock.isEmpty() && LoadedConfig.changedOnDisk(setup.folder())
                    ? " in the running server (postroom.toml changed on disk: `postroom reload` applies it)" : "";
            return fail(unknown ? ExitCodes.NO_SUCH : ExitCodes.UNAVAILABLE, reply.message() + hint);
        }
        List<Object> json = new ArrayList<>();
        for (CycleReport r : reply.reports()) json.add(CollectStatusCommand.json(r, Optional.empty()));
        if (out.isJson()) out.json(json);
        for (CycleReport r : reply.reports()) if (!out.isJson()) out.line(CollectStatusCommand.line(r));
        return reply.reports().stream().anyMatch(r -> r.error().isPresent()) ? ExitCodes.UNAVAILABLE : ExitCodes.OK;
    }
}
