package org.postroom.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.postroom.Main;
import org.postroom.config.ConfigLoader;
import org.postroom.control.CommandSocket;
import org.postroom.directory.SqliteNativeLibrary;
import org.postroom.server.DataFolder;

/**
 * The training run of the admin commands' AOT cache (JEP 483/514, {@code packaging/aot.sh}): the JVM started with
 * {@code -XX:AOTCacheOutput} runs this, which makes a throw-away data folder and runs the commands an administrator
 * types most through {@link Main#run}, so that the classes they load and link (picocli, Jackson's TOML reader,
 * SQLite's driver and native library, Logback, Argon2) are in the cache that later commands map at start.
 * Their output is discarded; a command that fails here is reported on stderr and does not stop the run (the cache
 * is only an optimisation: a missing class is loaded from the jar as usual).
 * {@code --sqlite-native DIR} also takes SQLite's native library out of its jar into DIR
 * ({@link SqliteNativeLibrary}), for the launchers to point the driver at.
 */
public final class CliTraining {
    private static final String DOMAIN = "training.invalid";

    /** The lines run, in order; user add reads its password from stdin. */
    static final List<List<String>> LINES = List.of(
            List.of("--version"),
            List.of("user", "add", "trainee@" + DOMAIN, "--name", "Trainee", "--password-stdin"),
            List.of("user", "list"),
            List.of("user", "list", "--format", "json"),
            List.of("user", "show", "trainee@" + DOMAIN),
            List.of("user", "set", "trainee@" + DOMAIN, "--quota", "1G"),
            List.of("user", "disable", "trainee@" + DOMAIN),
            List.of("user", "enable", "trainee@" + DOMAIN),
            List.of("alias", "add", "info@" + DOMAIN, "trainee@" + DOMAIN),
            List.of("alias", "list"),
            List.of("alias", "remove", "info@" + DOMAIN),
            List.of("group", "add", "all@" + DOMAIN),
            List.of("group", "list"),
            List.of("group", "remove", "all@" + DOMAIN),
            List.of("domain", "list"),
            List.of("queue", "list"),
            List.of("queue", "list", "--format", "json"),
            List.of("auth", "locked"),
            List.of("collect", "status"),
            List.of("user", "remove", "trainee@" + DOMAIN),
            List.of("user", "lisst"), // a typo: picocli's suggestions
            List.of("user", "--help"));

    private CliTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--sqlite-native")) SqliteNativeLibrary.extractTo(Path.of(args[1]));
        else if (args.length != 0) throw new IllegalArgumentException("usage: CliTraining [--sqlite-native DIR]");
        Path root = Files.createTempDirectory("postroom-aot-training");
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        int failed = 0;
        try {
            new DataFolder(root).initialize(DOMAIN, ConfigLoader.load(root).addresses());
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            for (List<String> line : LINES) {
                System.setIn(new ByteArrayInputStream("training-password-1\n".getBytes(StandardCharsets.UTF_8)));
                System.setOut(discard);
                System.setErr(discard);
                int code;
                try {
                    code = Main.run(withData(line, root));
                } finally {
                    System.setOut(out);
                    System.setErr(err);
                    System.setIn(in);
                }
                if (code != ExitCodes.OK && !line.contains("lisst")) {
                    failed++;
                    err.println("postroom: AOT training: `postroom " + String.join(" ", line) + "` exited with " + code);
                }
            }
            // A line the running server runs: both sides of the socket (RemoteCommand, CommandSocket) in the cache too.
            try (CommandSocket socket = CommandSocket.open(root, RemoteCommand.handler(root)).orElse(null)) {
                if (socket != null && RemoteCommand.tryInServer(List.of("user", "list", "--data", root.toString()), name -> null, discard, discard)
                        .orElse(-1) != ExitCodes.OK) {
                    failed++;
                    err.println("postroom: AOT training: `postroom user list` through the server's socket failed");
                }
            }
        } finally {
            removeTree(root);
        }
        if (failed > 0) err.println("postroom: AOT training: " + failed + " of " + (LINES.size() + 1) + " lines failed (the cache is still usable)");
    }

    private static String[] withData(List<String> line, Path root) {
        boolean takesData = line.size() > 1 && !line.contains("--help");
        return Stream.concat(line.stream(), takesData ? Stream.of("--data", root.toString()) : Stream.empty()).toArray(String[]::new);
    }

    private static void removeTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
