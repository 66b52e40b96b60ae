package org.postroom;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Builds picocli's model of the command line. picocli reflects over every command class it is given, and for the
 * whole tree (about sixty commands) that is most of an admin command's start-up time; a line that names one top-level
 * command ({@code postroom user list}) needs only that command's branch, under a root with the same name, options and
 * version, so its messages ({@code postroom user list: ...}) and exit codes stay the same. Anything else
 * ({@code postroom --help}, an unknown command) gets the whole tree.
 */
final class CommandTree {
    private CommandTree() {}

    static CommandLine forLine(String... args) {
        CommandLine line = branch(args).orElseGet(() -> new CommandLine(new Main()));
        return line.setCaseInsensitiveEnumValuesAllowed(true); // after the branch is added: picocli copies it down
    }

    private static Optional<CommandLine> branch(String... args) {
        if (args.length == 0) return Optional.empty();
        for (Class<?> type : Main.class.getAnnotation(Command.class).subcommands()) {
            Command command = type.getAnnotation(Command.class);
            if (command.name().equals(args[0]) || List.of(command.aliases()).contains(args[0])) {
                CommandLine root = new CommandLine(new Root());
                root.addSubcommand(command.name(), new CommandLine(type), command.aliases());
                return Optional.of(root);
            }
        }
        return Optional.empty();
    }

    /** {@link Main}'s own options without its subcommands. */
    @Command(name = "postroom", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Postroom, the mail server of an office network.")
    static final class Root {}
}
