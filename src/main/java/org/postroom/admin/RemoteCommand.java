package org.postroom.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.postroom.Main;
import org.postroom.control.CommandClient;
import org.postroom.control.CommandSocket;

/**
 * Admin commands that the running server runs for the command line, through its {@link CommandSocket} (issue 14's
 * fast CLI): the command's JVM then only starts, sends the line and prints the answer, while picocli's model, the
 * configuration and the database are built and opened in a server where they already are. Without a server, or for
 * any other line, the command runs in its own JVM as always. Its stdout, stderr and exit code are the same either way,
 * in the caller's time zone and under the caller's name in the audit trail ({@link Caller}); only a log line it writes
 * goes to the server's log, and picocli's usage help comes without colours. {@code POSTROOM_SOCKET=off} (environment)
 * always runs it in its own JVM.
 */
public final class RemoteCommand {
    /**
     * The lines the server may run: each reads or changes what it names in the data folder and prints, and takes
     * {@code --data}. Not here: what reads a password (stdin or the terminal), what runs long or over the network (collect
     * now, test, a dry run, relay test, backup), and what is about the process itself (start, restore, reload).
     */
    static final Set<String> IN_SERVER = Set.of(
            "user list", "user show", "user set", "user disable", "user enable", "user remove",
            "alias add", "alias remove", "alias list",
            "group add", "group remove", "group list", "group show", "group member-add", "group member-remove", "group set",
            "domain add", "domain remove", "domain list", "domain catch-all",
            "queue list", "queue show", "queue retry", "queue hold", "queue release", "queue delete", "queue bounce",
            "auth locked", "auth unlock",
            "token create", "token list", "token revoke",
            "collect status", "collect held list", "collect held deliver", "collect held delete",
            "collect account list", "collect account enable", "collect account disable", "collect account remove",
            "config show", "trace", "stats");
    /** Longer than the longest wait of a command in the server: a collect request waits up to 10 minutes for a cycle. */
    private static final Duration PATIENCE = CliCollectorRuntime.PATIENCE.plusMinutes(5);

    private RemoteCommand() {}

    /**
     * Runs {@code args} in the server running on their data folder and prints its answer on {@code out} and {@code err};
     * empty when there is no such server or it may not run this line, and the caller runs it itself.
     */
    public static OptionalInt tryInServer(List<String> args, UnaryOperator<String> environment, PrintStream out, PrintStream err) {
        if ("off".equals(environment.apply("POSTROOM_SOCKET")) || !inServer(args)) return OptionalInt.empty();
        Optional<Path> data = dataFolder(args, environment);
        if (data.isEmpty()) return OptionalInt.empty();
        Path socket = CommandSocket.fileIn(data.get());
        if (!Files.exists(socket)) return OptionalInt.empty(); // no server: spare the socket's classes
        try {
            var request = new CommandSocket.Request(data.get(), args, out.charset(), err.charset(), ZoneId.systemDefault(), "");
            Optional<CommandSocket.Reply> reply = CommandClient.send(socket, request, PATIENCE);
            if (reply.isEmpty()) return OptionalInt.empty();
            out.writeBytes(reply.get().out());
            out.flush();
            err.writeBytes(reply.get().err());
            err.flush();
            return OptionalInt.of(reply.get().exitCode());
        } catch (CommandClient.NoAnswer e) {
            err.println("postroom " + String.join(" ", words(args)) + ": " + e.getMessage());
            return OptionalInt.of(ExitCodes.TEMPFAIL);
        }
    }

    /** The server's side: runs an allowed line on the server's own data folder {@code serverData}, declines any other. */
    public static CommandSocket.Handler handler(Path serverData) {
        return new CommandSocket.Handler() {
            @Override
            public boolean accepts(CommandSocket.Request request) {
                return inServer(request.args()) && sameFolder(request.dataFolder(), serverData);
            }

            @Override
            public CommandSocket.Reply run(CommandSocket.Request request) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                String[] line = withAbsoluteData(request.args(), request.dataFolder()).toArray(String[]::new);
                int code;
                try (PrintWriter o = new PrintWriter(new OutputStreamWriter(out, request.stdout()), true);
                        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, request.stderr()), true)) {
                    code = ScopedValue.where(Caller.OF_LINE, new Caller(request.user(), request.zone())).call(() -> Main.run(o, e, line));
                }
                return new CommandSocket.Reply(code, out.toByteArray(), err.toByteArray());
            }
        };
    }

    /**
     * Whether {@code args} start with the words of a line the server may run. Not with {@code --} (a later
     * {@code --data} would be a parameter), nor for help, which picocli colours on a terminal only in its own JVM.
     */
    static boolean inServer(List<String> args) {
        if (args.contains("--") || args.contains("--help") || args.contains("-h")) return false;
        List<String> words = words(args);
        for (int n = words.size(); n > 0; n--) {
            if (IN_SERVER.contains(String.join(" ", words.subList(0, n)))) return true;
        }
        return false;
    }

    /** The leading words of a line, before its first option: at most three (collect account list). */
    private static List<String> words(List<String> args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("-") || words.size() == 3) break;
            words.add(arg);
        }
        return words;
    }

    /**
     * The data folder a line names, absolute, as {@link DataOptions} would take it: {@code --data DIR} or
     * {@code --data=DIR}, else {@code POSTROOM_DATA} (a system property, then the environment), else {@code data}.
     * Empty when {@code --data} comes more than once or without a value (picocli then says what is wrong).
     */
    static Optional<Path> dataFolder(List<String> args, UnaryOperator<String> environment) {
        List<String> given = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--data")) {
                if (i + 1 == args.size()) return Optional.empty();
                given.add(args.get(++i));
            } else if (args.get(i).startsWith("--data=")) {
                given.add(args.get(i).substring("--data=".length()));
            }
        }
        if (given.size() > 1) return Optional.empty();
        String folder = given.isEmpty() ? System.getProperty("POSTROOM_DATA", environment.apply("POSTROOM_DATA")) : given.getFirst();
        return Optional.of(Path.of(folder == null || folder.isEmpty() ? "data" : folder).toAbsolutePath().normalize());
    }

    /**
     * {@code args} with their data folder given as {@code --data FOLDER}, absolute (the server's working directory is
     * not the client's), right after the command's words: an option missing its value at the end stays the last thing
     * on the line, so picocli says the same of it as in the command's own JVM.
     */
    static List<String> withAbsoluteData(List<String> args, Path folder) {
        List<String> line = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--data")) i++;
            else if (!args.get(i).startsWith("--data=")) line.add(args.get(i));
        }
        int afterWords = words(line).size();
        line.addAll(afterWords, List.of("--data", folder.toString()));
        return line;
    }

    private static boolean sameFolder(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
