package org.postroom;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds picocli's model of the command line. picocli reflects over every command class it is given, and for the
 * whole tree (about sixty commands) that is most of an admin command's start-up time; a line that names one top-level
 * command ({@code postroom user ...}) needs only that command's branch, under a root with the same name, options and
 * version, so its messages ({@code postroom user list: ...}) and exit codes stay the same. A line that goes on to name
 * one of that command's subcommands ({@code postroom user list}) needs only that one: the command above it is then a
 * bare name, since nothing else on the line is its to parse; {@code postroom --version} needs the root alone.
 * Anything else ({@code postroom --help}, an unknown command, {@code postroom user --help}, a typo in the subcommand,
 * which picocli answers with the names it knows) gets the whole tree, or the whole branch.
 */
final class CommandTree {
    private CommandTree() {}

    static CommandLine forLine(String... args) {
        CommandLine line = branch(args).orElseGet(() -> new CommandLine(new Main()));
        return line.setCaseInsensitiveEnumValuesAllowed(true); // after the branch is added: picocli copies it down
    }

    private static Optional<CommandLine> branch(String... args) {
        if (args.length == 0) return Optional.empty();
        if (args.length == 1 && List.of("--version", "-V").contains(args[0])) return Optional.of(new CommandLine(new Root()));
        return named(Main.class, args[0]).map(type -> {
            Command command = type.getAnnotation(Command.class);
            CommandLine root = new CommandLine(new Root());
            Optional<Class<?>> leaf = args.length > 1 ? named(type, args[1]) : Optional.empty();
            root.addSubcommand(command.name(), leaf.map(l -> bareWith(command, l)).orElseGet(() -> new CommandLine(type)),
                    command.aliases());
            return root;
        });
    }

    /** The subcommand of {@code parent} called {@code name} (or aliased so). */
    private static Optional<Class<?>> named(Class<?> parent, String name) {
        for (Class<?> type : parent.getAnnotation(Command.class).subcommands()) {
            Command command = type.getAnnotation(Command.class);
            if (command.name().equals(name) || List.of(command.aliases()).contains(name)) return Optional.of(type);
        }
        return Optional.empty();
    }

    /** {@code command} with its name and exit code for a bad line, and of its subcommands only {@code leaf}. */
    private static CommandLine bareWith(Command command, Class<?> leaf) {
        CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
        spec.exitCodeOnInvalidInput(command.exitCodeOnInvalidInput());
        CommandLine bare = new CommandLine(spec);
        Command leafCommand = leaf.getAnnotation(Command.class);
        bare.addSubcommand(leafCommand.name(), new CommandLine(leaf), leafCommand.aliases());
        return bare;
    }

    /** {@link Main}'s own options without its subcommands. */
    @Command(name = "postroom", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Postroom, the mail server of an office network.")
    static final class Root {}
}
