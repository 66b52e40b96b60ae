package org.postroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.RealPeer;
import org.postroom.testing.TestPostroom;

/**
 * Issue 12's bar: {@code promtool check metrics} (Debian package prometheus; .ci/run installs it) accepts
 * {@code /metrics}, with every family holding samples: a message, a refusal, a wrong password, a collector cycle.
 * Without promtool the test is skipped and says so, except under CI, where it fails.
 */
class PromtoolCheckTest {
    @TempDir
    Path dir;

    @Test
    void promtoolAcceptsTheMetricsPage() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        RealPeer.require(Files.isExecutable(promtool), "/usr/bin/promtool (apt-get install prometheus)");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String account = "[[collect.account]]\nname = \"office.main\"\nhost = \"127.0.0.1\"\nport = " + closed
                + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"secret\"\nmode = \"single-drop\""
                + "\ndeliver_to = \"alice@office.test\"\ninterval = \"1h\"\n";
        try (TestPostroom postroom = TestPostroom.start(dir, account)) {
            postroom.addUser("alice");
            WebClient web = new WebClient(postroom.webPort());
            check(promtool, web.metrics()); // fresh: some families have no sample yet
            String wrong = Base64.getEncoder().encodeToString("\0alice\0wrong".getBytes(StandardCharsets.UTF_8));
            try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
                smtp.reply();
                smtp.command("EHLO client.example");
                assertThat(smtp.command("AUTH PLAIN " + wrong)).startsWith("535");
                smtp.command("MAIL FROM:<bob@example.com>");
                assertThat(smtp.command("RCPT TO:<ghost@office.test>")).startsWith("550");
                smtp.command("RCPT TO:<alice@office.test>");
                smtp.command("DATA");
                assertThat(smtp.command("Subject: hi\r\n\r\nhello\r\n.")).startsWith("250");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> web.metrics().contains("postroom_collect_cycles_total{account=\"office.main\"} 1"));
            String metrics = web.metrics();

            check(promtool, metrics);
        }
    }

    private static void check(Path promtool, String metrics) throws Exception {
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(metrics.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("promtool check metrics said:\n%s\nabout:\n%s", output, metrics).isZero();
        assertThat(output).as("lint findings").isBlank();
    }
}
