package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.ConfigLoader;
import org.postroom.directory.SqliteNativeLibrary;
import org.postroom.server.DataFolder;
import org.postroom.testing.ProductionClassPath;

/**
 * Issue 14 (fast CLI): the AOT cache's training run works through every command it lists, SQLite's native library
 * taken out once is one the driver loads, and the JVM options of packaging/aot.sh keep a stale or damaged cache
 * out of a command's output.
 */
class CliTrainingTest {
    @TempDir
    Path dir;

    @Test
    void theTrainingRunsEveryLineWithoutAFailureAndWritesTheNativeLibrary() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CliTraining.main(new String[] {"--sqlite-native", dir.resolve("native").toString()});
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("AOT training");
        Path lib = dir.resolve("native").resolve(SqliteNativeLibrary.fileName());
        assertThat(Files.size(lib)).isGreaterThan(100_000);
        byte[] head;
        try (var in = Files.newInputStream(lib)) {
            head = in.readNBytes(4);
        }
        assertThat(head).as("an ELF shared object").containsExactly(0x7f, 'E', 'L', 'F');
    }

    @Test
    void theDriverLoadsTheLibraryTakenOut() throws Exception {
        Path lib = SqliteNativeLibrary.extractTo(dir.resolve("native"));
        Path data = dir.resolve("data");
        new DataFolder(data).initialize("office.test", ConfigLoader.load(data).addresses());
        Result r = java(List.of("-Dorg.sqlite.lib.path=" + lib.getParent(), "-Dorg.sqlite.lib.name=" + lib.getFileName()),
                "user", "list", "--data", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("postmaster@office.test");
    }

    @Test
    void aDamagedOrMissingCacheLeavesTheOutputClean() throws Exception {
        String quiet = quietOptions();
        Path garbage = Files.writeString(dir.resolve("postroom.aot"), "not an AOT cache");
        for (Path cache : List.of(garbage, dir.resolve("missing.aot"))) {
            List<String> options = new ArrayList<>(List.of(quiet.split(" ")));
            options.add("-XX:AOTCache=" + cache);
            Result r = java(options, "--version");
            assertThat(r.code()).isZero();
            assertThat(r.out()).isEqualTo("Postroom (development build)\n");
            assertThat(r.err()).as("nothing from the JVM about " + cache).isEmpty();
        }
    }

    /** What packaging/aot.sh gives the launchers. */
    private static String quietOptions() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "POSTROOM_AOT_SOURCED=1 . packaging/aot.sh && echo \"$POSTROOM_AOT_QUIET\"").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).contains("-Xlog:aot*=off");
        return out;
    }

    record Result(int code, String out, String err) {}

    private static Result java(List<String> options, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(options);
        command.addAll(List.of("-cp", ProductionClassPath.get(), "org.postroom.Main")); // production logging
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        ByteArrayOutputStream errSink = new ByteArrayOutputStream();
        Thread drainErr = Thread.ofVirtual().start(() -> {
            try (var in = p.getErrorStream()) {
                in.transferTo(errSink);
            } catch (IOException e) {
                // gone
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java did not finish within 60 s");
        }
        drainErr.join(5_000);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), errSink.toString(StandardCharsets.UTF_8));
    }
}
