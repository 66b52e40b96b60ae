package org.postroom.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code postroom group ...}: distribution lists. */
@Command(name = "group", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Manage groups: distribution lists, optionally closed to senders outside the office.",
        subcommands = {GroupAddCommand.class, GroupRemoveCommand.class, GroupListCommand.class, GroupShowCommand.class,
                GroupMemberAddCommand.class, GroupMemberRemoveCommand.class, GroupSetCommand.class})
public final class GroupCommand {
    @Mixin
    HelpOption help;
}
