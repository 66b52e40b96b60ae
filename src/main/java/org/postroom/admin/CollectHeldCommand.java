package org.postroom.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code postroom collect held ...}: messages nobody local took, held for review ({@code unresolved = "hold"}). */
@Command(name = "held", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "List the messages held for review (unresolved = \"hold\"), deliver one to an address, or delete it.",
        subcommands = {CollectHeldListCommand.class, CollectHeldDeliverCommand.class, CollectHeldDeleteCommand.class})
public final class CollectHeldCommand {
    @Mixin
    HelpOption help;
}
