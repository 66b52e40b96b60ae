package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/** {@code postroom trace} and {@code postroom stats} against a running server's trace: text, JSON, exit codes. */
class TraceCliTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    private String send(String to, String subject) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<carol@outside.test>");
            String rcpt = smtp.command("RCPT TO:<" + to + ">");
            if (!rcpt.startsWith("250")) return rcpt;
            smtp.command("DATA");
            String reply = smtp.command("Subject: " + subject + "\r\nMessage-ID: <" + subject + "@outside.test>\r\n\r\nhello\r\n.");
            return reply.substring(reply.lastIndexOf(' ') + 1);
        }
    }

    @Test
    void traceShowsEachMessageWithItsStepsAndVerdictAsTextAndJson() throws Exception {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        String id = send("alice@office.test", "hello-cli");
        send("ghost@office.test", "nobody");
        postroom.trace().flush();
        String data = "--data=" + dir;

        Cli.Result text = Cli.run("trace", "alice@office.test", data);
        assertThat(text.code()).as(text.toString()).isZero();
        assertThat(text.out()).contains(id + "  <hello-cli@outside.test>", "verdict: delivered to alice", "accepted", "delivered",
                "client 127.0.0.1 from <carol@outside.test> to alice@office.test");

        Cli.Result json = Cli.run("trace", "<hello-cli@outside.test>", data, "--format", "json");
        assertThat(json.code()).as(json.toString()).isZero();
        JsonNode stories = json.json();
        assertThat(stories).hasSize(1);
        assertThat(stories.get(0).get("message").asText()).isEqualTo(id);
        assertThat(stories.get(0).get("messageId").asText()).isEqualTo("hello-cli@outside.test");
        assertThat(stories.get(0).get("verdict").asText()).isEqualTo("delivered to alice");
        assertThat(stories.get(0).get("steps").get(0).get("kind").asText()).isEqualTo("accepted");
        assertThat(stories.get(0).get("steps").get(0).get("details").get("helo").asText()).isEqualTo("client.office.test");

        Cli.Result refused = Cli.run("trace", "ghost@office.test", data);
        assertThat(refused.out()).contains("verdict: refused: unknown user ghost@office.test");
        assertThat(Cli.run("trace", id, data, "--format=json").json().get(0).get("message").asText()).isEqualTo(id);
        assertThat(Cli.run("trace", "127.0.0.1", data).out()).contains(id, "ghost@office.test");

        Cli.Result none = Cli.run("trace", "nobody@office.test", data);
        assertThat(none.code()).isEqualTo(ExitCodes.NO_SUCH);
        assertThat(none.err()).contains("no message matches nobody@office.test");
        assertThat(Cli.run("trace", "alice@office.test", data, "--since", "soon").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void commandsRunWhileNoServerRunsWriteTheTraceThemselves() throws Exception {
        com.icegreen.greenmail.util.GreenMail provider = new com.icegreen.greenmail.util.GreenMail(
                com.icegreen.greenmail.util.ServerSetupTest.POP3.dynamicPort());
        provider.start();
        org.postroom.testing.ScriptedSmarthost.Script script = new org.postroom.testing.ScriptedSmarthost.Script();
        script.rcpt = to -> "451 4.3.0 try again later";
        try (org.postroom.testing.ScriptedSmarthost smarthost = org.postroom.testing.ScriptedSmarthost.start(script)) {
            provider.setUser("office@provider.test", "office", "secret");
            postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\ntls = \"none\"\n"
                    + "[[collect.account]]\nname = \"office\"\nhost = \"127.0.0.1\"\nport = " + provider.getPop3().getPort()
                    + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"secret\"\nmode = \"multi-drop\"\ninterval = \"1h\"\n");
            postroom.addUser("alice");
            String id = send("bob@example.com", "outbound");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> Cli.run("trace", id, "--data=" + dir).out().contains("waiting: 451"));
            postroom.close();
            postroom = null;

            String data = "--data=" + dir;
            Cli.Result held = Cli.run("queue", "hold", id, data);
            assertThat(held.code()).as(held.toString()).isZero();
            assertThat(Cli.run("trace", id, data).out()).contains("verdict: held by the administrator (for bob@example.com)");

            provider.getUserManager().getUser("office").deliver(new jakarta.mail.internet.MimeMessage(
                    jakarta.mail.Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(
                            "Delivered-To: alice@office.test\r\nFrom: x@outside.test\r\nSubject: s\r\nMessage-ID: <offline@x>\r\n\r\nhi\r\n"
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            Cli.Result now = Cli.run("collect", "now", data, "office");
            assertThat(now.code()).as(now.toString()).isZero();
            assertThat(Cli.run("trace", "<offline@x>", data).out()).contains("collected", "rule=\"envelope header Delivered-To\"",
                    "verdict: delivered to alice");
        } finally {
            provider.stop();
        }
    }

    @Test
    void aReloadSaysTheTraceSettingsNeedARestart() throws Exception {
        postroom = TestPostroom.start(dir, "[trace]\nkeep = \"30d\"\n");
        java.nio.file.Path toml = dir.resolve("postroom.toml");
        java.nio.file.Files.writeString(toml, java.nio.file.Files.readString(toml).replace("keep = \"30d\"", "keep = \"7d\""));
        Cli.Result reloaded = Cli.run("reload", "--data=" + dir);
        assertThat(reloaded.code()).as(reloaded.toString()).isZero();
        assertThat(reloaded.out()).contains("needs a restart: [trace] keep PT720H -> PT168H");
    }

    @Test
    void statsCountsInLocalAndRefusedPerDayAndHourAndPerUser() throws Exception {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        send("alice@office.test", "one");
        send("alice@office.test", "two");
        send("ghost@office.test", "three");
        postroom.trace().flush();

        JsonNode stats = Cli.run("stats", "--data=" + dir, "--days", "7", "--format", "json").json();
        assertThat(stats.get("days")).hasSize(7);
        JsonNode today = stats.get("days").get(6);
        assertThat(today.get("in").asInt()).isEqualTo(2);
        assertThat(today.get("local").asInt()).isEqualTo(2);
        assertThat(today.get("refused").asInt()).isEqualTo(1);
        assertThat(stats.get("hours")).hasSize(24);
        assertThat(stats.get("hours").get(23).get("in").asInt()).isEqualTo(2);
        assertThat(stats.get("users").get("alice@office.test").get("received").asInt()).isEqualTo(2);
        assertThat(stats.get("queued").asInt()).isZero();

        Cli.Result text = Cli.run("stats", "--data=" + dir);
        assertThat(text.code()).as(text.toString()).isZero();
        assertThat(text.out()).contains("Per day:", "Per hour, last 24 hours:", "Per user:", "alice@office.test", "Queue: 0 message(s) waiting");
    }
}
