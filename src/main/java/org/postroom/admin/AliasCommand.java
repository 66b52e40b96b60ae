package org.postroom.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code postroom alias ...}: addresses that forward to other addresses. */
@Command(name = "alias", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Manage aliases: addresses that forward to users, groups, other aliases or outside addresses.",
        subcommands = {AliasAddCommand.class, AliasRemoveCommand.class, AliasListCommand.class})
public final class AliasCommand {
    @Mixin
    HelpOption help;
}
