package org.postroom.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.queue.QueueEntry;
import org.postroom.queue.Spool;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.ScriptedSmarthost;
import org.postroom.testing.TestPostroom;

/**
 * The operations API over real HTTP: the queue (list, show, hold, release, retry, bounce, delete), the smarthost test,
 * the trace, the statistics and the settings; for each, 401 without a session, 403 for a user who is not an admin,
 * validation, CSRF refusal and an API token. A scripted smarthost answers every recipient "try later", so mail stays queued.
 */
class OpsApiTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    TestPostroom postroom;
    ScriptedSmarthost smarthost;
    ConsoleClient admin;

    @BeforeEach
    void start() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.rcpt = to -> "451 4.3.0 try again later";
        smarthost = ScriptedSmarthost.start(script);
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\ntls = \"none\"\n");
        postroom.addUser("alice");
        admin = ConsoleClient.admin(postroom);
    }

    @AfterEach
    void stop() throws Exception {
        postroom.close();
        smarthost.close();
    }

    private Spool spool() {
        return new Spool(dir.resolve("queue"));
    }

    private String send(String subject) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<alice@office.test>");
            smtp.command("RCPT TO:<bob@example.com>");
            smtp.command("DATA");
            String reply = smtp.command("Subject: " + subject + "\r\n\r\nhello\r\n.");
            assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
            String id = reply.substring(reply.lastIndexOf(' ') + 1);
            await().atMost(WAIT).until(() -> spool().read(id).map(QueueEntry::attempts).orElse(0) == 1);
            return id;
        }
    }

    /** The listing is cached for up to a second: wait until it shows what the disk says. */
    private JsonNode listed(String query, java.util.function.Predicate<JsonNode> until) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            var r = admin.get("/api/v1/queue" + query);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            last[0] = r.json();
            return until.test(last[0]);
        });
        return last[0];
    }

    @Test
    void theQueueIsListedAPageAtATimeAndShownInFull() throws Exception {
        String id = send("one");
        send("two");
        JsonNode page = listed("?limit=1", p -> p.get("summary").get("total").asInt() == 2);
        assertThat(page.get("matched").asInt()).isEqualTo(2);
        assertThat(page.get("messages")).hasSize(1);
        JsonNode first = page.get("messages").get(0);
        assertThat(first.get("id").asText()).isEqualTo(id);
        assertThat(first.get("state").asText()).isEqualTo("deferred");
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(first.get("lastError").asText()).contains("451");
        assertThat(first.get("nextAttempt").asText()).isNotEmpty();
        assertThat(page.get("summary").get("oldest").asText()).isNotEmpty();
        assertThat(admin.get("/api/v1/queue?offset=1&limit=1").json().get("messages").get(0).get("id").asText()).isNotEqualTo(id);
        assertThat(admin.get("/api/v1/queue?state=held").json().get("matched").asInt()).isZero();
        assertThat(admin.get("/api/v1/queue?q=" + id).json().get("matched").asInt()).isEqualTo(1);

        var shown = admin.get("/api/v1/queue/" + id);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("recipients").get(0).get("address").asText()).isEqualTo("bob@example.com");
        assertThat(shown.json().get("recipients").get(0).get("lastReply").asText()).contains("try again later");

        assertThat(admin.get("/api/v1/queue/ZZZ999").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/queue/not.an.id").status()).isEqualTo(422);
        for (String bad : List.of("?limit=0", "?limit=5000", "?offset=-1", "?limit=x", "?state=lost")) {
            var r = admin.get("/api/v1/queue" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid");
        }
    }

    @Test
    void holdReleaseRetryBounceAndDeleteAreCarriedOutAndAudited() throws Exception {
        String id = send("steer");
        var held = admin.post("/api/v1/queue/" + id + "/hold", Map.of());
        assertThat(held.status()).as(held.body()).isEqualTo(200);
        assertThat(held.json().get("ok").asBoolean()).isTrue();
        assertThat(spool().read(id).orElseThrow().isHeld()).isTrue();
        assertThat(admin.get("/api/v1/queue").json().get("messages").get(0).get("state").asText()).isEqualTo("held");
        var retry = admin.post("/api/v1/queue/" + id + "/retry", Map.of());
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.errorCode()).isEqualTo("conflict");
        assertThat(admin.post("/api/v1/queue/" + id + "/release", Map.of()).status()).isEqualTo(200);
        assertThat(spool().read(id).orElseThrow().isHeld()).isFalse();
        assertThat(admin.post("/api/v1/queue/" + id + "/retry", Map.of()).status()).isEqualTo(200);
        assertThat(admin.delete("/api/v1/queue/" + id).status()).isEqualTo(200);
        assertThat(spool().exists(id)).isFalse();
        assertThat(admin.delete("/api/v1/queue/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/queue").json().get("summary").get("total").asInt()).isZero();

        String other = send("bounce me");
        assertThat(admin.post("/api/v1/queue/" + other + "/bounce", Map.of()).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !spool().exists(other));
        await().atMost(WAIT).until(() -> postroom.delivered("alice").size() == 1); // the bounce

        // The audit trail: who did what to which message, found by the admin's address.
        postroom.trace().flush();
        var trace = admin.get("/api/v1/trace?q=boss@office.test");
        assertThat(trace.status()).as(trace.body()).isEqualTo(200);
        List<String> actions = trace.json().findValues("details").stream().filter(d -> d.has("action"))
                .map(d -> d.get("action").asText() + " " + d.get("target").asText() + " " + d.get("outcome").asText()).toList();
        assertThat(actions).contains("queue.hold " + id + " ok", "queue.retry " + id + " refused", "queue.release " + id + " ok",
                "queue.delete " + id + " ok", "queue.bounce " + other + " ok");
    }

    @Test
    void everyOperationNeedsAnAdmin() throws Exception {
        ConsoleClient nobody = ConsoleClient.to(postroom);
        ConsoleClient user = ConsoleClient.user(postroom, "carol");
        List<String[]> operations = List.of(new String[] {"GET", "/api/v1/queue"}, new String[] {"GET", "/api/v1/queue/ABC"},
                new String[] {"POST", "/api/v1/queue/ABC/retry"}, new String[] {"POST", "/api/v1/queue/ABC/hold"},
                new String[] {"POST", "/api/v1/queue/ABC/release"}, new String[] {"POST", "/api/v1/queue/ABC/bounce"},
                new String[] {"DELETE", "/api/v1/queue/ABC"}, new String[] {"POST", "/api/v1/relay/test"},
                new String[] {"GET", "/api/v1/trace?q=x"}, new String[] {"GET", "/api/v1/stats"}, new String[] {"GET", "/api/v1/settings"},
                new String[] {"POST", "/api/v1/settings/reload"}, new String[] {"GET", "/api/v1/dashboard"});
        for (String[] op : operations) {
            var anonymous = call(nobody, op);
            assertThat(anonymous.status()).as(op[0] + " " + op[1]).isEqualTo(401);
            assertThat(anonymous.errorCode()).isEqualTo("not_signed_in");
            var refused = call(user, op);
            assertThat(refused.status()).as(op[0] + " " + op[1]).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("forbidden");
        }
    }

    private static ConsoleClient.Response call(ConsoleClient client, String[] op) {
        return switch (op[0]) {
            case "GET" -> client.get(op[1]);
            case "DELETE" -> client.delete(op[1]);
            default -> client.post(op[1], Map.of());
        };
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedAndAnApiTokenNeedsNone() throws Exception {
        String id = send("csrf");
        var refused = admin.csrf(false).post("/api/v1/queue/" + id + "/hold", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("csrf");
        assertThat(spool().read(id).orElseThrow().isHeld()).isFalse();
        admin.csrf(true);
        var created = admin.post("/api/v1/tokens", Map.of("name", "script"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ConsoleClient script = ConsoleClient.to(postroom).withToken(created.json().get("token").asText());
        assertThat(script.post("/api/v1/queue/" + id + "/hold", Map.of()).status()).isEqualTo(200);
        assertThat(spool().read(id).orElseThrow().isHeld()).isTrue();
        assertThat(script.get("/api/v1/queue/" + id).json().get("message").get("state").asText()).isEqualTo("held");
        assertThat(script.post("/api/v1/relay/test", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void theSmarthostTestAnswersStepByStep() {
        var r = admin.post("/api/v1/relay/test", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode result = r.json();
        assertThat(result.get("ok").asBoolean()).isTrue();
        JsonNode host = result.get("smarthosts").get(0);
        assertThat(host.get("smarthost").asText()).isEqualTo("127.0.0.1:" + smarthost.port());
        assertThat(host.get("steps").findValuesAsText("step")).containsExactly("connect", "EHLO", "STARTTLS", "AUTH", "QUIT");
        assertThat(host.get("steps").findValuesAsText("outcome")).containsExactly("passed", "passed", "skipped", "skipped", "passed");
        assertThat(smarthost.commands).contains("QUIT");
    }

    @Test
    void theTraceAndTheStatisticsAnswerAndCheckTheirParameters() throws Exception {
        String id = send("traced");
        postroom.trace().flush();
        var found = admin.get("/api/v1/trace?q=" + id + "&since=1h");
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json()).hasSize(1);
        assertThat(found.json().get(0).get("verdict").asText()).isNotBlank();
        assertThat(found.json().get(0).get("steps").findValuesAsText("kind")).contains("accepted");
        assertThat(admin.get("/api/v1/trace").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/trace?q=x&since=soon").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/trace?q=x&limit=101").status()).isEqualTo(400);

        var stats = admin.get("/api/v1/stats?days=7");
        assertThat(stats.status()).as(stats.body()).isEqualTo(200);
        assertThat(stats.json().get("days")).hasSize(7);
        assertThat(stats.json().get("queued").asInt()).isEqualTo(1);
        assertThat(stats.json().get("days").get(6).get("in").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/v1/stats?days=0").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/stats?days=many").status()).isEqualTo(400);
    }

    @Test
    void theDashboardGathersEveryPart() throws Exception {
        send("counted");
        postroom.trace().flush();
        var r = admin.get("/api/v1/dashboard");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode d = r.json();
        assertThat(d.get("ready").asBoolean()).as(r.body()).isTrue();
        assertThat(d.get("queue").get("total").asInt()).isEqualTo(1);
        assertThat(d.get("today").get("in").asInt()).isEqualTo(1);
        assertThat(d.get("days")).hasSize(30);
        assertThat(d.get("certificate").get("daysLeft").asLong()).isPositive();
        assertThat(d.get("disk").get("mailboxes").findValuesAsText("address")).contains("alice@office.test", "boss@office.test");
        assertThat(d.get("failedLoginsSinceStart").isObject()).isTrue();
        assertThat(d.get("collector").isArray()).isTrue();
    }

    @Test
    void theSettingsShowWhereEachValueCameFromAndReloadApplies() throws Exception {
        List<String> file = Files.readAllLines(dir.resolve("postroom.toml"), StandardCharsets.UTF_8);
        int smarthostsLine = file.indexOf(file.stream().filter(l -> l.startsWith("smarthosts")).findFirst().orElseThrow()) + 1;
        var r = admin.get("/api/v1/settings");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, JsonNode> byKey = new java.util.HashMap<>();
        r.json().get("settings").forEach(s -> byKey.put(s.get("key").asText(), s));
        assertThat(byKey.get("relay.smarthosts").get("value").asText()).isEqualTo("127.0.0.1:" + smarthost.port());
        assertThat(byKey.get("relay.smarthosts").get("source").asText()).isEqualTo("postroom.toml line " + smarthostsLine);
        assertThat(byKey.get("relay.max_connections").get("source").asText()).isEqualTo("default");
        assertThat(byKey.get("server.hostname").get("source").asText()).isEqualTo("postroom.toml line 2");
        assertThat(r.json().get("changedOnDisk").asBoolean()).isFalse();

        var reloaded = admin.post("/api/v1/settings/reload", Map.of());
        assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
        assertThat(reloaded.json().get("ok").asBoolean()).isTrue();
        Files.writeString(dir.resolve("postroom.toml"), "[smtp]\nport = \"not a port\"\n", StandardCharsets.UTF_8);
        assertThat(admin.get("/api/v1/settings").json().get("changedOnDisk").asBoolean()).isTrue();
        var broken = admin.post("/api/v1/settings/reload", Map.of());
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.body()).contains("port");
    }
}
