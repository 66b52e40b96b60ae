package org.postroom.admin;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} for the administrator's commands. Not picocli's standard help mixin: its {@code -V} would print
 * nothing here, the version being {@code postroom --version}'s to tell.
 */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
