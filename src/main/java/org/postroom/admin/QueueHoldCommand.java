package org.postroom.admin;

import java.io.IOException;
import java.util.Optional;
import org.postroom.queue.AdminRequest;
import org.postroom.service.QueueService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom queue hold ID}. */
@Command(name = "hold", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Stop trying to deliver a message until it is released.")
final class QueueHoldCommand extends QueueBaseCommand {

    @Parameters(paramLabel = "ID", description = "The message's queue id (from `postroom queue list`).")
    String id;

    @Override
    int run(QueueService queue, Output out) throws IOException {
        return request(queue, out, AdminRequest.Action.HOLD, Optional.of(id));
    }
}
