package org.postroom.admin;

import java.io.IOException;
import java.util.Optional;
import org.postroom.queue.AdminRequest;
import org.postroom.service.QueueService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom queue bounce ID}. */
@Command(name = "bounce", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Give up on a message now: its sender gets a bounce for every recipient not yet delivered.")
final class QueueBounceCommand extends QueueBaseCommand {

    @Parameters(paramLabel = "ID", description = "The message's queue id (from `postroom queue list`).")
    String id;

    @Override
    int run(QueueService queue, Output out) throws IOException {
        return request(queue, out, AdminRequest.Action.BOUNCE, Optional.of(id));
    }
}
