package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.ConfigLoader;

/**
 * Issue 5's benchmark, in process: collect and sort N messages of 5 KiB for 100 users from a local POP3 server
 * (the scripted one) and print messages per second. Runs only when asked:
 * {@code mvn test -Dtest=CollectBenchmarkTest -Dpostroom.bench.collect=10000}. Not compared with fetchmail here.
 */
class CollectBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void collectAndSort() throws Exception {
        int n = Integer.getInteger("postroom.bench.collect", 0);
        Assumptions.assumeTrue(n > 0, "benchmark not asked for (-Dpostroom.bench.collect=10000)");
        try (Office office = new Office(dir); ScriptedPop3 provider = new ScriptedPop3()) {
            for (int u = 0; u < 100; u++) office.directory.addUser(Office.a("u" + u + "@office.test"), "u" + u, "pw".toCharArray(), false, 0);
            String body = "x".repeat(78) + "\r\n";
            for (int i = 0; i < n; i++) {
                provider.messages.add("Delivered-To: u" + (i % 100) + "@office.test\r\nFrom: x@outside.test\r\nMessage-ID: <b" + i + "@bench>\r\n\r\n"
                        + body.repeat(64));
            }
            String toml = "[[collect.account]]\nname = \"bench\"\nhost = \"127.0.0.1\"\nport = " + provider.port()
                    + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"o\"\npassword = \"x\"\nmode = \"multi-drop\"\n";
            long begin = System.nanoTime();
            CycleReport report = office.collect(ConfigLoader.parse(dir, dir.resolve("postroom.toml"), toml).collect().getFirst());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            assertThat(report.error()).isEmpty();
            assertThat(report.delivered()).isEqualTo(n);
            System.out.printf("CollectBenchmarkTest: %d messages of 5 KiB for 100 users in %d ms: %.0f messages/s%n", n, ms, n * 1000.0 / ms);
        }
    }
}
