package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.queue.QueueEntry;
import org.postroom.queue.RecipientState;
import org.postroom.queue.Spool;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.ScriptedSmarthost;
import org.postroom.testing.TestPostroom;

/**
 * {@code postroom queue ...} while Postroom runs (requests go through the server's runner) and while it does
 * not (the command changes the files itself), against a smarthost that answers every recipient "try later".
 */
class QueueCliTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    TestPostroom postroom;
    ScriptedSmarthost smarthost;
    String dataArg;

    @AfterEach
    void stop() throws Exception {
        if (postroom != null) postroom.close();
        if (smarthost != null) smarthost.close();
    }

    private void start() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.rcpt = to -> "451 4.3.0 try again later";
        if (smarthost == null) smarthost = ScriptedSmarthost.start(script);
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\ntls = \"none\"\n");
        if (postroom.directory().findUser(org.postroom.message.MailAddress.parse("alice@office.test")).isEmpty()) postroom.addUser("alice");
        dataArg = "--data=" + dir;
    }

    private Spool spool() {
        return new Spool(dir.resolve("queue"));
    }

    private QueueEntry entry(String id) throws Exception {
        return spool().read(id).orElseThrow();
    }

    private String send(String subject) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<alice@office.test>");
            smtp.command("RCPT TO:<bob@example.com>");
            smtp.command("RCPT TO:<carol@example.com>");
            smtp.command("DATA");
            String reply = smtp.command("Subject: " + subject + "\r\n\r\nhello\r\n.");
            assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
            String id = reply.substring(reply.lastIndexOf(' ') + 1);
            await().atMost(WAIT).until(() -> spool().read(id).map(QueueEntry::attempts).orElse(0) == 1);
            return id;
        }
    }

    private static Cli.Result ok(Cli.Result result) {
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.err()).as(result.toString()).isEmpty();
        return result;
    }

    @Test
    void listShowHoldReleaseRetryBounceDeleteWhileRunning() throws Exception {
        start();
        String first = send("first");
        String second = send("second");

        String list = ok(Cli.run("queue", "list", dataArg)).out();
        assertThat(list.lines().findFirst().orElseThrow()).startsWith("ID").contains("SENDER", "RECIPIENTS", "SIZE", "AGE", "STATE",
                "ATTEMPTS", "NEXT", "LAST ERROR");
        assertThat(list).contains(first, second, "<alice@office.test>", "bob@example.com +1", "deferred", "451 4.3.0 try again later");

        JsonNode json = ok(Cli.run("queue", "list", dataArg, "--format", "json")).json();
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("recipients")).hasSize(2);
        assertThat(json.get(0).get("state").asText()).isEqualTo("deferred");
        assertThat(json.get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(json.get(0).get("nextAttempt").asText()).isNotEmpty();

        String show = ok(Cli.run("queue", "show", dataArg, first)).out();
        assertThat(show).contains("sender:", "<alice@office.test>", "recipient:", "<carol@example.com>", "last reply:", "4.3.0 451 4.3.0 try again later",
                "next attempt:");

        assertThat(ok(Cli.run("queue", "hold", dataArg, first)).out()).contains("held 1 message(s)");
        assertThat(entry(first).isHeld()).isTrue();
        assertThat(ok(Cli.run("queue", "list", dataArg)).out()).containsPattern(first + ".*held");
        Cli.Result heldRetry = Cli.run("queue", "retry", dataArg, first);
        assertThat(heldRetry.code()).as(heldRetry.toString()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(heldRetry.err()).contains(first + " is held", "postroom queue release " + first);
        Thread.sleep(500);
        assertThat(entry(first).attempts()).isEqualTo(1); // held: a retry does not release it

        ok(Cli.run("queue", "release", dataArg, first));
        await().atMost(WAIT).until(() -> entry(first).attempts() == 2);
        assertThat(entry(first).isHeld()).isFalse();

        ok(Cli.run("queue", "retry", dataArg, "--all"));
        await().atMost(WAIT).until(() -> entry(first).attempts() == 3 && entry(second).attempts() == 2);

        assertThat(ok(Cli.run("queue", "bounce", dataArg, first)).out()).contains("bounced 1 message(s)");
        await().atMost(WAIT).until(() -> !spool().exists(first) && postroom.delivered("alice").size() == 1);
        String bounce = postroom.readDelivered(postroom.delivered("alice").getFirst());
        assertThat(bounce).contains("Subject: Undelivered Mail Returned to Sender", "Final-Recipient: rfc822; bob@example.com",
                "Final-Recipient: rfc822; carol@example.com", "Status: 5.0.0", "Subject: first");

        Cli.Result deleted = ok(Cli.run("queue", "delete", dataArg, second, "--format", "json"));
        // The server runs in this JVM and logs to the same standard output the command prints to: leave its lines out.
        String deletedJson = deleted.out().lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*"))
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(new Cli.Result(0, deletedJson, "").json().get("ids").get(0).asText()).isEqualTo(second);
        assertThat(spool().exists(second)).isFalse();
        Thread.sleep(300);
        assertThat(postroom.delivered("alice")).hasSize(1); // deleted without a bounce

        Cli.Result missing = Cli.run("queue", "show", dataArg, "NOPE123");
        assertThat(missing.code()).isEqualTo(ExitCodes.NO_SUCH);
        assertThat(missing.err()).contains("no message NOPE123");
        assertThat(Cli.run("queue", "hold", dataArg, "NOPE123").code()).isEqualTo(ExitCodes.NO_SUCH);
        assertThat(Cli.run("queue", "hold", dataArg, "../etc").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("queue", "retry", dataArg).code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void whenPostroomIsStoppedTheCommandChangesTheQueueItselfAndTheServerPicksItUp() throws Exception {
        start();
        String id = send("offline");
        postroom.close();
        postroom = null;

        assertThat(ok(Cli.run("queue", "hold", dataArg, id)).out()).contains("held 1 message(s)");
        assertThat(entry(id).isHeld()).isTrue();
        assertThat(ok(Cli.run("queue", "bounce", dataArg, id)).out()).contains("the bounce is sent when it starts");
        assertThat(entry(id).recipients()).allMatch(r -> r.state() == RecipientState.FAILED && !r.notified());

        start();
        await().atMost(WAIT).until(() -> !spool().exists(id) && postroom.delivered("alice").size() == 1);
        assertThat(postroom.readDelivered(postroom.delivered("alice").getFirst())).contains("Subject: offline");
        assertThat(smarthost.messages).isEmpty();
        assertThat(List.of(Cli.run("queue", "list", dataArg).out().lines().count())).containsExactly(1L);
    }
}
