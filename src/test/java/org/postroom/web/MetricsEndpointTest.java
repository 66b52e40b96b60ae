package org.postroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.testing.RawPop3;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * Issue 12: /metrics in the Prometheus text format, its counters moved by real clients: a message over SMTP, a refused
 * recipient, a wrong password, a failed TLS handshake, a queued message, a collector cycle that fails.
 */
class MetricsEndpointTest {
    @TempDir
    Path dir;

    @Test
    void servesTheTextFormatWithHelpTypeAndTheJvmAndQueueGauges() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            HttpResponse<String> r = new WebClient(postroom.webPort()).get("/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            String body = r.body();
            assertThat(body).contains("# HELP postroom_messages_total ", "# TYPE postroom_messages_total counter\n",
                    "# TYPE postroom_queue_messages gauge\n", "postroom_queue_messages 0\n", "postroom_queue_oldest_age_seconds 0\n",
                    "# TYPE postroom_login_failures_total counter\n", "# TYPE postroom_tls_handshake_failures_total counter\n",
                    "# TYPE postroom_jvm_memory_used_bytes gauge\n", "postroom_jvm_threads{kind=\"all\"} ");
            assertThat(WebClient.value(body, "postroom_jvm_memory_used_bytes{area=\"heap\"}").orElseThrow()).isPositive();
            double started = WebClient.value(body, "postroom_start_time_seconds").orElseThrow();
            assertThat(started).isBetween(System.currentTimeMillis() / 1000.0 - 3600, System.currentTimeMillis() / 1000.0);
            assertThat(WebClient.value(body, "postroom_messages_total{door=\"smtp\",outcome=\"accepted\"}")).hasValue(0);
            assertThat(body).endsWith("\n");
        }
    }

    @Test
    void aMessageOverSmtpAndARefusedRecipientMoveTheDoorCounters() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            postroom.addUser("alice");
            WebClient web = new WebClient(postroom.webPort());
            try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
                smtp.reply();
                assertThat(smtp.command("EHLO client.example")).startsWith("250");
                assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<ghost@office.test>")).startsWith("550");
                assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                assertThat(smtp.command("Subject: counted\r\n\r\nhello\r\n.")).startsWith("250");
                assertThat(smtp.command("QUIT")).startsWith("221");
            }
            assertThat(web.value("postroom_messages_total{door=\"smtp\",outcome=\"accepted\"}")).isEqualTo(1);
            assertThat(web.value("postroom_messages_total{door=\"smtp\",outcome=\"delivered\"}")).isEqualTo(1);
            assertThat(web.value("postroom_messages_total{door=\"smtp\",outcome=\"refused\"}")).isEqualTo(1);
            assertThat(web.value("postroom_messages_total{door=\"submission\",outcome=\"accepted\"}")).isEqualTo(0);
        }
    }

    @Test
    void aWrongPasswordCountsAsAFailedLoginPerProtocol() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            postroom.addUser("alice");
            WebClient web = new WebClient(postroom.webPort());
            String wrong = Base64.getEncoder().encodeToString("\0alice@office.test\0not the password".getBytes(StandardCharsets.UTF_8));
            try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) { // plaintext AUTH from loopback is allowed by default
                smtp.reply();
                assertThat(smtp.command("EHLO client.example")).startsWith("250");
                assertThat(smtp.command("AUTH PLAIN " + wrong)).startsWith("535");
            }
            assertThat(web.value("postroom_login_failures_total{protocol=\"smtp\",reason=\"wrong_password\"}")).isEqualTo(1);
            assertThat(web.value("postroom_login_failures_total{protocol=\"pop3\",reason=\"wrong_password\"}")).isEqualTo(0);

            try (RawPop3 pop3 = RawPop3.connect(postroom.pop3Port())) { // USER/PASS from loopback without TLS: allowed by default
                pop3.line();
                assertThat(pop3.command("USER alice@office.test")).startsWith("+OK");
                assertThat(pop3.command("PASS not the password")).startsWith("-ERR");
            }
            assertThat(web.value("postroom_login_failures_total{protocol=\"pop3\",reason=\"wrong_password\"}")).isEqualTo(1);
        }
    }

    @Test
    void aFailedTlsHandshakeIsCountedPerDoor() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            WebClient web = new WebClient(postroom.webPort());
            // Plain text where the implicit-TLS door (RFC 8314) expects a ClientHello: the handshake fails, the server hangs up.
            try (Socket s = new Socket("127.0.0.1", postroom.port(SmtpDoor.SUBMISSIONS))) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write("EHLO not-tls.example\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                while (in.read() >= 0) {
                    // whatever the server sends (a TLS alert) until it closes
                }
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(web.value("postroom_tls_handshake_failures_total{door=\"smtp-submissions\"}")).isEqualTo(1));
        }
    }

    @Test
    void failedHandshakesKeepCountingAcrossAReloadThatReadsTheCertificateAgain() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            WebClient web = new WebClient(postroom.webPort());
            failHandshake(postroom.port(SmtpDoor.SUBMISSIONS));
            assertThat(postroom.reload().lines()).noneMatch(l -> l.startsWith("failed"));
            failHandshake(postroom.port(SmtpDoor.SUBMISSIONS)); // a session now takes the reloaded pair
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(web.value("postroom_tls_handshake_failures_total{door=\"smtp-submissions\"}")).isEqualTo(2));
        }
    }

    private static void failHandshake(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("EHLO not-tls.example\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // until the server closes
            }
        }
    }

    @Test
    void aMessageWaitingForTheSmarthostShowsInTheQueueGauges() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // nobody listens there any more: every attempt fails and the message waits
        }
        try (TestPostroom postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + closed + "\"]\ntls = \"none\"\n")) {
            WebClient web = new WebClient(postroom.webPort());
            try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) { // loopback is a trusted network: it may relay
                smtp.reply();
                smtp.command("EHLO client.example");
                assertThat(smtp.command("MAIL FROM:<alice@office.test>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<someone@outside.example>")).startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                assertThat(smtp.command("Subject: waits\r\n\r\nhello\r\n.")).startsWith("250");
            }
            assertThat(web.value("postroom_queue_messages")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(web.value("postroom_queue_oldest_age_seconds")).isGreaterThan(0));
            assertThat(web.value("postroom_messages_total{door=\"smtp\",outcome=\"queued\"}")).isEqualTo(1);
        }
    }

    @Test
    void aCollectorCycleThatCannotReachItsProviderCountsAsACycleAndAnError() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String account = "[[collect.account]]\nname = \"office\"\nhost = \"127.0.0.1\"\nport = " + closed
                + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"secret\"\nmode = \"single-drop\""
                + "\ndeliver_to = \"alice@office.test\"\ninterval = \"1h\"\n";
        try (TestPostroom postroom = TestPostroom.start(dir, account)) {
            WebClient web = new WebClient(postroom.webPort());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String m = web.metrics();
                assertThat(WebClient.value(m, "postroom_collect_cycles_total{account=\"office\"}")).hasValue(1);
                assertThat(WebClient.value(m, "postroom_collect_cycle_errors_total{account=\"office\"}")).hasValue(1);
                assertThat(WebClient.value(m, "postroom_collect_messages_total{account=\"office\",outcome=\"delivered\"}")).hasValue(0);
            });
        }
    }
}
