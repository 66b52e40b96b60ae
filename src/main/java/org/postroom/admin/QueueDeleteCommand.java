package org.postroom.admin;

import java.io.IOException;
import java.util.Optional;
import org.postroom.queue.AdminRequest;
import org.postroom.service.QueueService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code postroom queue delete ID [--bounce]}. */
@Command(name = "delete", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Remove a message from the queue. Nobody is told, unless --bounce.")
final class QueueDeleteCommand extends QueueBaseCommand {

    @Parameters(paramLabel = "ID", description = "The message's queue id (from `postroom queue list`).")
    String id;

    @Option(names = "--bounce", description = "Tell the sender, as `postroom queue bounce` does.")
    boolean bounce;

    @Override
    int run(QueueService queue, Output out) throws IOException {
        return request(queue, out, bounce ? AdminRequest.Action.BOUNCE : AdminRequest.Action.DELETE, Optional.of(id));
    }
}
