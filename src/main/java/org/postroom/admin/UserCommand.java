package org.postroom.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code postroom user ...}: people with a mailbox and a password. */
@Command(name = "user", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Manage users: people (or shared mailboxes) with a mailbox and a password.",
        subcommands = {UserAddCommand.class, UserListCommand.class, UserShowCommand.class, UserPasswdCommand.class,
                UserDisableCommand.class, UserEnableCommand.class, UserSetCommand.class, UserRemoveCommand.class})
public final class UserCommand {
    @Mixin
    HelpOption help;
}
