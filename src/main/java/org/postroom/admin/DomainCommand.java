package org.postroom.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code postroom domain ...}: the mail domains this office receives for. */
@Command(name = "domain", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Manage the local domains: the domains whose mail stays in this office.",
        subcommands = {DomainAddCommand.class, DomainRemoveCommand.class, DomainListCommand.class, DomainCatchAllCommand.class})
public final class DomainCommand {
    @Mixin
    HelpOption help;
}
