package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.TestPostroom;

/** {@code postroom collect now|status|ACCOUNT --dry-run} against a running server, GreenMail as the provider. */
class CollectCliTest {
    @TempDir
    Path dir;
    GreenMail provider;
    TestPostroom postroom;

    @AfterEach
    void tearDown() {
        if (postroom != null) postroom.close();
        if (provider != null) provider.stop();
    }

    private void put(String raw) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        provider.getUserManager().getUser("office").deliver(m);
    }

    @Test
    void nowStatusAndDryRunThroughTheRunningServer() throws Exception {
        provider = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        provider.start();
        provider.setUser("office@provider.test", "office", "top-secret");
        Path data = dir.resolve("data");
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        postroom = TestPostroom.start(data, "[[collect.account]]\nname = \"office\"\nhost = \"127.0.0.1\"\nport = " + provider.getPop3().getPort()
                + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"top-secret\"\nmode = \"multi-drop\"\ninterval = \"1h\"\n"
                + "[[collect.account]]\nname = \"down\"\nhost = \"127.0.0.1\"\nport = " + closedPort
                + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"x\"\nmode = \"multi-drop\"\ninterval = \"1h\"\nenabled = false\n");
        postroom.addUser("alice");
        String dataArg = "--data=" + data;

        put("Delivered-To: alice@office.test\nFrom: x@outside.test\nMessage-ID: <cli1@x>\n\nhello\n");
        Cli.Result now = Cli.run("collect", "now", dataArg, "office");
        assertThat(now.code()).as(now.toString()).isZero();
        assertThat(now.out()).contains("office: 1 message(s), 1 delivered");
        assertThat(postroom.delivered("alice")).hasSize(1);

        Cli.Result status = Cli.run("collect", "status", dataArg);
        assertThat(status.out()).contains("ACCOUNT", "office", "1/1/0/0").doesNotContain("top-secret");
        JsonNode json = Cli.run("collect", "status", dataArg, "--format", "json").json();
        assertThat(json.get(0).get("last").get("delivered").asInt()).isEqualTo(1);
        assertThat(json.toString()).doesNotContain("top-secret");

        put("Delivered-To: nobody@office.test\nFrom: x@outside.test\nTo: bob@far.test\nMessage-ID: <cli2@x>\n\nhello\n");
        Cli.Result dry = Cli.run("collect", "office", "--dry-run", dataArg);
        assertThat(dry.code()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("rule=\"envelope header Delivered-To\"", "unresolved=nobody@office.test", "envelope headers the provider writes: Delivered-To");
        assertThat(dry.out()).doesNotContain("INFO", "cycle done");

        // Issue 10 item 18: with --format json stdout is one JSON document; logs go to stderr, and a dry run logs no cycle.
        Cli.Result dryJson = CliProcess.run("collect", "office", "--dry-run", dataArg, "--format", "json");
        assertThat(dryJson.code()).as(dryJson.toString()).isZero();
        assertThat(dryJson.out().strip()).as(dryJson.toString()).startsWith("{").endsWith("}");
        assertThat(dryJson.json().get("account").asText()).isEqualTo("office");
        assertThat(dryJson.json().get("messages").toString()).contains("nobody");
        assertThat(dryJson.err()).doesNotContain("cycle done");
        // A dry run that fails logs a warning: on stderr, never in the JSON.
        Cli.Result downJson = CliProcess.run("collect", "down", "--dry-run", dataArg, "--format", "json");
        assertThat(downJson.code()).as(downJson.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(downJson.json().get("error").asText()).as(downJson.toString()).contains("cannot connect");
        assertThat(downJson.err()).contains("WARN", "account=down");
        assertThat(provider.getReceivedMessages()).hasSize(1); // the first was deleted after delivery; the dry run left the second
        assertThat(postroom.delivered("alice")).hasSize(1);

        assertThat(Cli.run("collect", "now", dataArg, "nosuch").code()).isEqualTo(ExitCodes.NO_SUCH);
    }
}
