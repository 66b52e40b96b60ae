package org.postroom.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code postroom config ...}: the configuration as Postroom reads it. */
@Command(name = "config", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Look at the configuration as Postroom reads it from postroom.toml.",
        subcommands = {ConfigShowCommand.class})
public final class ConfigCommand {
    @Mixin
    HelpOption help;
}
