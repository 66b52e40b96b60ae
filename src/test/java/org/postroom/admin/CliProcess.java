package org.postroom.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postroom.testing.ProductionClassPath;

/**
 * Runs {@code postroom ...} as its own process, with stdout and stderr kept apart: what a script calling the
 * command sees, logging set up as in production (in the test JVM logback's console is already bound elsewhere).
 */
final class CliProcess {
    private CliProcess() {}

    static Cli.Result run(String... args) throws IOException, InterruptedException {
        Process p = start(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread o = Thread.ofVirtual().start(() -> drain(p.getInputStream(), out));
        Thread e = Thread.ofVirtual().start(() -> drain(p.getErrorStream(), err));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("`postroom " + String.join(" ", args) + "` did not finish within 60 s");
        }
        o.join(5_000);
        e.join(5_000);
        return new Cli.Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Starts {@code postroom ARGS} and returns at once (a test that stops it midway; its output is not read). */
    static Process start(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                // The production logging: without the tests' classes, and so without their logback-test.xml.
                "-cp", ProductionClassPath.get(), "org.postroom.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        try (in) {
            in.transferTo(sink);
        } catch (IOException e) {
            // the process is gone
        }
    }
}
