package org.postroom.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code postroom queue ...}: outbound mail waiting for the smarthost. */
@Command(name = "queue", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Look at and steer outbound mail waiting in the queue (works while Postroom runs).",
        subcommands = {QueueListCommand.class, QueueShowCommand.class, QueueRetryCommand.class, QueueHoldCommand.class,
                QueueReleaseCommand.class, QueueDeleteCommand.class, QueueBounceCommand.class})
public final class QueueCommand {
    @Mixin
    HelpOption help;
}
