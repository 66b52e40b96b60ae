package org.postroom.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code postroom relay ...}: the provider's smarthost. */
@Command(name = "relay", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Check the smarthost that outbound mail leaves through ([relay] in postroom.toml).",
        subcommands = {RelayTestCommand.class})
public final class RelayCommand {
    @Mixin
    HelpOption help;
}
