package org.postroom.crash;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Postroom running as a child process ({@code postroom start}), so that a test can kill it with SIGKILL as a
 * power cut or the OOM killer would. Its output is kept (the last lines) for the failure message.
 */
final class PostroomProcess implements AutoCloseable {
    private static final String READY = "postroom: SMTP on ";
    private static final int KEPT_LINES = 300;
    private static final int KEPT_CHARS = 8 << 20;

    private final Process process;
    private final Deque<String> output = new ArrayDeque<>();
    /** Every line so far (up to {@link #KEPT_CHARS}): a line awaited may scroll out of the tail before it is looked for. */
    private final StringBuilder everything = new StringBuilder();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread drain;

    private PostroomProcess(Process process) {
        this.process = process;
        this.drain = Thread.ofPlatform().daemon().name("postroom-child-output").start(this::drainOutput);
    }

    /** The classes of Postroom as this test JVM sees them, or empty when they cannot be found. */
    static Optional<Path> postroomClasses() {
        try {
            var source = org.postroom.Main.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path location = Path.of(source.getLocation().toURI());
                if (Files.isDirectory(location) && Files.isRegularFile(location.resolve("org/postroom/Main.class"))) return Optional.of(location);
                if (Files.isRegularFile(location)) return Optional.of(location); // a jar
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the conventional place
        }
        Path classes = Path.of("target", "classes");
        return Files.isRegularFile(classes.resolve("org/postroom/Main.class")) ? Optional.of(classes.toAbsolutePath()) : Optional.empty();
    }

    /**
     * Copies Postroom's classes (a folder or a jar) into {@code into}, so that a build running in the same tree
     * meanwhile (which empties target/classes for a moment) cannot make a restart fail.
     */
    static Path snapshot(Path classes, Path into) throws IOException {
        Path copy = into.resolve(classes.getFileName());
        if (Files.isRegularFile(classes)) return Files.copy(classes, copy);
        try (var tree = Files.walk(classes)) {
            for (Path source : (Iterable<Path>) tree::iterator) {
                Path target = copy.resolve(classes.relativize(source).toString());
                if (Files.isDirectory(source)) Files.createDirectories(target);
                else Files.copy(source, target);
            }
        }
        return copy;
    }

    /** {@code java -cp <classes>:<test class path> org.postroom.Main start --data <data> --domain <domain>}. */
    static PostroomProcess start(Path classes, Path data, String domain, Duration readyTimeout) throws IOException, InterruptedException {
        return start(List.of(), classes, data, domain, readyTimeout);
    }

    /** The same, started through {@code wrapper} ({@code nohup}, say). */
    static PostroomProcess start(List<String> wrapper, Path classes, Path data, String domain, Duration readyTimeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(javaCommand(classes));
        command.addAll(List.of("start", "--data", data.toString(), "--domain", domain));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        PostroomProcess child = new PostroomProcess(process);
        if (!child.ready.await(readyTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            child.kill();
            throw new AssertionError("Postroom did not say it was ready (\"" + READY + "...\") within " + readyTimeout.toSeconds()
                    + " s; its output:\n" + child.outputTail());
        }
        return child;
    }

    /** Runs one administrator command ({@code postroom user add ...}) to its end; returns its exit code and output. */
    static CliResult runCli(Path classes, String stdin, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaCommand(classes));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        // The output is small; read it on a side thread so that a hung command still times out.
        var output = new java.io.ByteArrayOutputStream();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                process.getInputStream().transferTo(output);
            } catch (IOException e) {
                // the process is gone
            }
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("`postroom " + String.join(" ", args) + "` did not finish within " + timeout.toSeconds() + " s");
        }
        reader.join(5_000);
        return new CliResult(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    record CliResult(int exitCode, String output) {}

    private static List<String> javaCommand(Path classes) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = classes + File.pathSeparator + System.getProperty("java.class.path");
        return List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "org.postroom.Main");
    }

    private void drainOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > KEPT_LINES) output.removeFirst();
                    if (everything.length() < KEPT_CHARS) everything.append(line).append('\n');
                }
                if (line.startsWith(READY)) ready.countDown();
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Unix), then wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) throw new AssertionError("Postroom (pid " + process.pid() + ") survived SIGKILL for 20 s");
        drain.join(5_000);
    }

    /** SIGTERM: Postroom's shutdown hook stops it cleanly; SIGKILL if it takes longer than {@code seconds}. */
    int stop(int seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            kill();
            throw new AssertionError("Postroom did not stop within " + seconds + " s of SIGTERM; output:\n" + outputTail());
        }
        drain.join(5_000);
        return process.exitValue();
    }

    /** Whether the child has printed {@code text} at any time since it started. */
    boolean said(String text) {
        synchronized (output) {
            return everything.indexOf(text) >= 0;
        }
    }

    String outputTail() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Makes sure no Postroom is left running, whatever happened to the test. */
    @Override
    public void close() {
        if (!process.isAlive()) return;
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Distinct free ports for the child's doors: all held open at once while they are picked. */
    static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) if (socket != null) socket.close();
        }
    }
}
