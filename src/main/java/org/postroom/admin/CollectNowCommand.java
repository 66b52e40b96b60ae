package org.postroom.admin;

import java.io.IOException;
import java.util.Optional;
import org.postroom.collect.CollectControl;
import org.postroom.collect.CycleReport;
import org.postroom.server.LoadedConfig;
import org.postroom.server.ReloadControl;
import org.postroom.service.CollectorException;
import org.postroom.service.CollectorViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom collect now [ACCOUNT]}: a cycle at once, through the running server or, when none runs, here. */
@Command(name = "now", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Run a collection cycle now for one account, or for all of them.")
final class CollectNowCommand extends CollectBaseCommand {

    @Parameters(paramLabel = "ACCOUNT", arity = "0..1", description = "The account (default: all).")
    String account;

    @Override
    int collect(Setup setup, Output out) throws IOException {
        CollectControl.Reply reply;
        try {
            reply = service(setup).collectNow(who(), Optional.ofNullable(account));
        } catch (CollectorException e) {
            boolean unknown = e.kind() == CollectorException.Kind.NOT_FOUND;
            String hint = unknown && ReloadControl.serverRuns(setup.folder()) && LoadedConfig.changedOnDisk(setup.folder())
                    ? " in the running server (postroom.toml changed on disk: `postroom reload` applies it)" : "";
            return fail(unknown ? ExitCodes.NO_SUCH : ExitCodes.UNAVAILABLE, e.getMessage() + hint);
        }
        if (out.isJson()) out.json(reply.reports().stream().map(CollectorViews.Cycle::of).toList());
        else for (CycleReport r : reply.reports()) out.line(CollectStatusCommand.line(r));
        return reply.reports().stream().anyMatch(r -> r.error().isPresent()) ? ExitCodes.UNAVAILABLE : ExitCodes.OK;
    }
}
