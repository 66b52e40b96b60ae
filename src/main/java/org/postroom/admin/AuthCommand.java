package org.postroom.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code postroom auth ...}: logins and addresses locked out after failed logins. */
@Command(name = "auth", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Show and clear lockouts after failed logins (they work while the server runs).",
        subcommands = {AuthLockedCommand.class, AuthUnlockCommand.class})
public final class AuthCommand {
    @Mixin
    HelpOption help;
}
