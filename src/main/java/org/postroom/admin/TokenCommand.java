package org.postroom.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code postroom token ...}: API tokens for scripts ({@code Authorization: Bearer TOKEN}). */
@Command(name = "token", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Manage API tokens: a script sends one as 'Authorization: Bearer TOKEN' and acts as its user.",
        subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class})
public final class TokenCommand {
    @Mixin
    HelpOption help;
}
