package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.LogSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code [log]}: data/logs/postroom.log rotated past max_size, and no more than keep rotated files left. */
class LogRotationTest {
    @TempDir
    Path logs;

    @AfterEach
    void detach() {
        var root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = root.getAppender(LogFiles.APPENDER);
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
    }

    @Test
    void theLogIsRotatedBySizeAndTheCountIsBounded() throws Exception {
        LogFiles.addFileLog(logs, new LogSettings(64 * 1024, 3));
        Logger log = LoggerFactory.getLogger("postroom.rotation-test");
        String line = "x".repeat(200);
        // 40 KiB every 200 ms for 7 s: past 64 KiB about every second (the size is looked at once a second)
        long end = System.nanoTime() + 7_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 200; i++) log.warn("rotation test {} {}", i, line);
            Thread.sleep(200);
        }

        try (Stream<Path> files = Files.list(logs)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("postroom.1.log", "postroom.2.log", "postroom.3.log", "postroom.log");
        }
        for (int i = 1; i <= 3; i++) {
            assertThat(Files.size(logs.resolve("postroom." + i + ".log"))).as("postroom.%d.log", i).isGreaterThanOrEqualTo(64 * 1024);
            assertThat(Files.readString(logs.resolve("postroom." + i + ".log"))).contains("rotation test");
        }
    }
}
