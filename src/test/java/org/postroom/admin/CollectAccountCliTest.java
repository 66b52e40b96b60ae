package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.TestPostroom;

/**
 * {@code postroom collect account|test|held ...} against a running server, GreenMail as the provider: the same
 * service as the API, so an account added here is collected by the server at once, and a held message is delivered
 * through the server's intake.
 */
class CollectAccountCliTest {
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
    void accountsAddedChangedAndRemovedFromTheCliTakeEffectInTheRunningServer() throws Exception {
        provider = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        provider.start();
        provider.setUser("office@provider.test", "office", "top-secret");
        Path data = dir.resolve("data");
        postroom = TestPostroom.start(data, "");
        postroom.addUser("alice");
        postroom.addUser("bob");
        String dataArg = "--data=" + data;
        int port = provider.getPop3().getPort();

        put("Delivered-To: alice@office.test\nFrom: x@outside.test\nMessage-ID: <c1@x>\n\nhello\n");
        Cli.Result add = Cli.runWithInput("top-secret\n", "collect", "account", "add", "office", dataArg, "host=127.0.0.1", "port=" + port,
                "tls=none", "allow_plaintext=true", "login=office", "mode=multi-drop", "interval=1h", "--password-stdin");
        assertThat(add.code()).as(add.toString()).isZero();
        assertThat(add.out()).contains("added collect account office");
        await().atMost(Duration.ofSeconds(20)).until(() -> postroom.delivered("alice").size() == 1);

        Cli.Result list = Cli.run("collect", "account", "list", dataArg);
        assertThat(list.out()).contains("office", "database", "127.0.0.1:" + port, "multi-drop", "set").doesNotContain("top-secret");
        JsonNode json = Cli.run("collect", "account", "list", dataArg, "--format", "json").json();
        assertThat(json.get(0).get("settings").get("interval").asText()).isEqualTo("1h");
        assertThat(json.toString()).doesNotContain("top-secret");
        assertThat(Cli.run("collect", "status", dataArg).out()).contains("office", "database", "1/1/0/0");

        // Validation names the key; the password is never an argument.
        Cli.Result bad = Cli.run("collect", "account", "set", "office", dataArg, "interval=0s");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("interval");
        assertThat(Cli.run("collect", "account", "set", "office", dataArg, "password=x").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("collect", "account", "set", "nosuch", dataArg, "interval=1h").code()).isEqualTo(ExitCodes.NO_SUCH);

        // Single-drop to bob, unresolved held: the next cycle (collect now through the server) follows the new settings.
        Cli.Result set = Cli.run("collect", "account", "set", "office", dataArg, "mode=single-drop", "deliver_to=bob@office.test");
        assertThat(set.code()).as(set.toString()).isZero();
        put("Delivered-To: alice@office.test\nFrom: x@outside.test\nMessage-ID: <c2@x>\n\nhello\n");
        Cli.Result now = Cli.run("collect", "now", dataArg, "office");
        assertThat(now.code()).as(now.toString()).isZero();
        assertThat(postroom.delivered("bob")).hasSize(1);
        assertThat(postroom.delivered("alice")).hasSize(1);

        // Test account.
        put("Delivered-To: alice@office.test\nFrom: x@outside.test\nMessage-ID: <c3@x>\n\nhello\n");
        Cli.Result test = Cli.run("collect", "test", "office", dataArg);
        assertThat(test.code()).as(test.toString()).isZero();
        assertThat(test.out()).contains("ok    connect", "ok    login: office", "ok    stat: 1 message(s)", "Delivered-To=1");

        // Disable, then remove: the server stops it (collect now finds no such account).
        assertThat(Cli.run("collect", "account", "disable", "office", dataArg).out()).contains("disabled");
        assertThat(Cli.run("collect", "account", "remove", "office", dataArg).code()).isZero();
        assertThat(Cli.run("collect", "now", dataArg, "office").code()).isEqualTo(ExitCodes.NO_SUCH);
        assertThat(Cli.run("collect", "account", "list", dataArg).out()).contains("no collect accounts");
        assertThat(provider.getReceivedMessages()).hasSize(1); // the third is still there
    }

    @Test
    void heldMessagesAreListedDeliveredThroughTheServerAndDeleted() throws Exception {
        provider = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        provider.start();
        provider.setUser("office@provider.test", "office", "top-secret");
        Path data = dir.resolve("data");
        postroom = TestPostroom.start(data, "[[collect.account]]\nname = \"office\"\nhost = \"127.0.0.1\"\nport = " + provider.getPop3().getPort()
                + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"top-secret\"\nmode = \"multi-drop\"\ninterval = \"1h\"\n"
                + "unresolved = \"hold\"\nenabled = false\n");
        postroom.addUser("alice");
        String dataArg = "--data=" + data;
        put("Delivered-To: nobody@office.test\nFrom: x@outside.test\nSubject: one\nMessage-ID: <h1@x>\n\nhello\n");
        put("Delivered-To: nobody@office.test\nFrom: x@outside.test\nSubject: two\nMessage-ID: <h2@x>\n\nhello\n");
        assertThat(Cli.run("collect", "now", dataArg, "office").out()).contains("2 unresolved");

        JsonNode held = Cli.run("collect", "held", "list", dataArg, "--format", "json").json();
        assertThat(held.size()).isEqualTo(2);
        assertThat(Cli.run("collect", "held", "list", dataArg).out()).contains("ACCOUNT", "one", "two");
        String one = held.get(0).get("subject").asText().equals("one") ? held.get(0).get("id").asText() : held.get(1).get("id").asText();
        String two = held.get(0).get("subject").asText().equals("one") ? held.get(1).get("id").asText() : held.get(0).get("id").asText();

        assertThat(Cli.run("collect", "held", "deliver", "office", one, "nobody@office.test", dataArg).code()).isEqualTo(ExitCodes.USAGE);
        Cli.Result deliver = Cli.run("collect", "held", "deliver", "office", one, "alice@office.test", dataArg);
        assertThat(deliver.code()).as(deliver.toString()).isZero();
        assertThat(postroom.delivered("alice")).hasSize(1);
        assertThat(Files.readString(postroom.delivered("alice").getFirst())).contains("Subject: one", "X-Postroom-Unresolved:");
        assertThat(Cli.run("collect", "held", "delete", "office", two, dataArg).code()).isZero();
        assertThat(Cli.run("collect", "held", "delete", "office", two, dataArg).code()).isEqualTo(ExitCodes.NO_SUCH);
        assertThat(Cli.run("collect", "held", "list", dataArg).out()).contains("no held messages");
        // An account of postroom.toml changes only there.
        assertThat(Cli.run("collect", "account", "disable", "office", dataArg).code()).isEqualTo(ExitCodes.CONFLICT);
    }
}
