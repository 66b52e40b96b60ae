package org.postroom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scaffolding of the interop tests that drive Postroom with a Python client script (imaplib, poplib): is python3
 * there with the modules, the script copied out of the test resources, run, and its one JSON answer read. The
 * scripts print JSON on success; anything else is the failure's message.
 */
public final class PythonClient {
    private PythonClient() {}

    /** Whether {@code python3 -c "import <modules>"} works (false where python3 is missing). */
    public static boolean canImport(String modules) {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import " + modules).redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Copies the resource {@code name} found next to {@code owner} into {@code dir}; returns the copy. */
    public static Path copyScript(Class<?> owner, String name, Path dir) throws IOException {
        Path script = dir.resolve(name);
        try (InputStream in = owner.getResourceAsStream(name)) {
            Files.copy(in, script);
        }
        return script;
    }

    /** Runs {@code python3 script args...}, fails the test unless it ends with 0 within the time, and parses its output. */
    public static JsonNode runForJson(Path script, int seconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s said:\n%s", script.getFileName(), text).isZero();
        return new ObjectMapper().readTree(text);
    }
}
