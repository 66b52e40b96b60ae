package org.postroom.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code postroom collect account ...}: the accounts kept in the database, changed while Postroom runs. */
@Command(name = "account", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Add, change, enable, disable, remove and list collect accounts. Accounts added here live in the database and the",
            "running server takes each change at once; those in postroom.toml are listed too, and change only there."},
        subcommands = {CollectAccountListCommand.class, CollectAccountAddCommand.class, CollectAccountSetCommand.class,
            CollectAccountEnableCommand.class, CollectAccountDisableCommand.class, CollectAccountRemoveCommand.class})
public final class CollectAccountCommand {
    @Mixin
    HelpOption help;
}
