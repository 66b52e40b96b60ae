package org.postroom.admin;

import java.io.IOException;
import java.util.Optional;
import org.postroom.queue.AdminRequest;
import org.postroom.service.QueueService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom queue release ID}. */
@Command(name = "release", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Release a held message; it is tried at once.")
final class QueueReleaseCommand extends QueueBaseCommand {

    @Parameters(paramLabel = "ID", description = "The message's queue id (from `postroom queue list`).")
    String id;

    @Override
    int run(QueueService queue, Output out) throws IOException {
        return request(queue, out, AdminRequest.Action.RELEASE, Optional.of(id));
    }
}
