package org.postroom.admin;

import java.io.IOException;
import java.util.Optional;
import org.postroom.queue.AdminRequest;
import org.postroom.service.QueueService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code postroom queue retry ID|--all}: try now, whatever the schedule says. */
@Command(name = "retry", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Try to deliver a message (or every message) now, whatever the retry schedule says. Held messages stay held.")
final class QueueRetryCommand extends QueueBaseCommand {

    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
        @Parameters(paramLabel = "ID", description = "The message's queue id.")
        String id;

        @Option(names = "--all", description = "Every queued message.")
        boolean all;
    }

    @Override
    int run(QueueService queue, Output out) throws IOException {
        return request(queue, out, AdminRequest.Action.RETRY, which.all ? Optional.empty() : Optional.of(which.id));
    }
}
