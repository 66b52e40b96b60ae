package org.postroom.web.console;

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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.directory.ApiTokens;
import org.postroom.directory.Database;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.TestPostroom;

/**
 * {@code /api/v1/collector/...} over real HTTP against a running server, GreenMail as the provider: an account added
 * through the API is collected without a restart; edits, disable and remove take effect at once; test account,
 * dry run, cycles, held messages delivered and deleted; authorization, validation and CSRF.
 */
class CollectorApiTest {
    @TempDir
    Path dir;
    GreenMail provider;
    TestPostroom postroom;
    ConsoleClient admin;

    @BeforeEach
    void start() {
        provider = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        provider.start();
        provider.setUser("office@provider.test", "office", "top-secret");
        postroom = TestPostroom.start(dir.resolve("data"), "[[collect.account]]\nname = \"fromfile\"\nhost = \"127.0.0.1\"\nport = "
                + provider.getPop3().getPort() + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"top-secret\"\n"
                + "mode = \"multi-drop\"\ninterval = \"1h\"\nenabled = false\n");
        postroom.addUser("alice");
        postroom.addUser("bob");
        admin = ConsoleClient.admin(postroom);
    }

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
        if (provider != null) provider.stop();
    }

    private void put(String raw) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        provider.getUserManager().getUser("office").deliver(m);
    }

    private Map<String, Object> account(String name, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("host", "127.0.0.1");
        body.put("port", provider.getPop3().getPort());
        body.put("tls", "none");
        body.put("allow_plaintext", true);
        body.put("login", "office");
        body.put("password", "top-secret");
        body.put("mode", "multi-drop");
        body.put("interval", "1h");
        for (int i = 0; i < more.length; i += 2) body.put((String) more[i], more[i + 1]);
        return body;
    }

    @Test
    void anAccountAddedThroughTheApiIsCollectedWithoutARestart() throws Exception {
        put("Delivered-To: alice@office.test\nFrom: x@outside.test\nMessage-ID: <api1@x>\n\nhello\n");
        ConsoleClient.Response added = admin.post("/api/v1/collector/accounts", account("office"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("source").asText()).isEqualTo("database");
        assertThat(added.json().get("password_set").asBoolean()).isTrue();
        assertThat(added.body()).doesNotContain("top-secret");
        // The first cycle of a new account runs at once: no restart, no reload.
        await().atMost(Duration.ofSeconds(20)).until(() -> postroom.delivered("alice").size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/v1/collector/accounts/office").json().path("last").has("delivered"));
        JsonNode one = admin.get("/api/v1/collector/accounts/office").json();
        assertThat(one.get("last").get("delivered").asInt()).isEqualTo(1);
        // The password is sealed in the database: neither the list nor the file shows it.
        JsonNode all = admin.get("/api/v1/collector/accounts").json();
        assertThat(all.toString()).doesNotContain("top-secret");
        assertThat(all.findValuesAsText("account")).contains("fromfile", "office");
        for (String f : new String[] {"postroom.db", "postroom.db-wal"}) {
            Path file = postroom.dataDir().resolve(f);
            if (Files.exists(file)) assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain("top-secret");
        }

        // Collect now and the recent cycles.
        put("Delivered-To: bob@office.test\nFrom: x@outside.test\nMessage-ID: <api2@x>\n\nhello\n");
        ConsoleClient.Response now = admin.post("/api/v1/collector/accounts/office/collect", Map.of());
        assertThat(now.status()).as(now.body()).isEqualTo(200);
        assertThat(now.json().get("cycles").get(0).get("delivered").asInt()).isEqualTo(1);
        assertThat(postroom.delivered("bob")).hasSize(1);
        JsonNode cycles = admin.get("/api/v1/collector/accounts/office/cycles?limit=5").json();
        assertThat(cycles.size()).isEqualTo(2);
        assertThat(cycles.get(0).get("delivered").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/v1/collector/accounts/office/cycles?limit=0").status()).isEqualTo(400);

        // A reload that changes the file's accounts keeps the database's.
        Path toml = postroom.dataDir().resolve("postroom.toml");
        Files.writeString(toml, Files.readString(toml).replace("interval = \"1h\"", "interval = \"2h\""));
        assertThat(postroom.reload().lines().toString()).contains("collect.account");
        assertThat(admin.post("/api/v1/collector/accounts/office/collect", Map.of()).status()).isEqualTo(200);

        // The audit trail has who added it.
        postroom.trace().flush();
        assertThat(adminEvents()).anySatisfy(d -> assertThat(d).contains("collect.account.add", "office", "boss@office.test"));
    }

    @Test
    void editDisableAndRemoveTakeEffectAtOnce() throws Exception {
        assertThat(admin.post("/api/v1/collector/accounts", account("office", "enabled", false)).status()).isEqualTo(201);
        put("Delivered-To: alice@office.test\nFrom: x@outside.test\nMessage-ID: <e1@x>\n\nhello\n");
        // A wrong password: the scheduled cycles (at once on enable) fail with the provider's refusal.
        ConsoleClient.Response patched = admin.patch("/api/v1/collector/accounts/office", Map.of("password", "wrong", "interval", "1h"));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        ConsoleClient.Response failing = admin.post("/api/v1/collector/accounts/office/collect", Map.of());
        assertThat(failing.json().get("cycles").get(0).get("error").asText()).contains("refused");
        assertThat(postroom.delivered("alice")).isEmpty();

        // Edit: the right password, and single-drop to bob; enable: its first cycle runs at once.
        Map<String, Object> edit = new LinkedHashMap<>();
        edit.put("password", "top-secret");
        edit.put("mode", "single-drop");
        edit.put("deliver_to", "bob@office.test");
        assertThat(admin.patch("/api/v1/collector/accounts/office", edit).status()).isEqualTo(200);
        ConsoleClient.Response enabled = admin.post("/api/v1/collector/accounts/office/enable", Map.of());
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> postroom.delivered("bob").size() == 1);
        assertThat(postroom.delivered("alice")).isEmpty();

        // Disable: collect now still refuses nothing, but the schedule no longer runs it; remove: gone from the collector.
        assertThat(admin.post("/api/v1/collector/accounts/office/disable", Map.of()).json().get("enabled").asBoolean()).isFalse();
        assertThat(admin.delete("/api/v1/collector/accounts/office").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/collector/accounts/office").status()).isEqualTo(404);
        ConsoleClient.Response gone = admin.post("/api/v1/collector/accounts/office/collect", Map.of());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("not_found");
    }

    @Test
    void testAccountReportsEachStepAndTheEnvelopeHeaders() throws Exception {
        put("Delivered-To: alice@office.test\nX-Original-To: alice@office.test\nFrom: x@outside.test\nMessage-ID: <t1@x>\n\nhello\n");
        put("Delivered-To: bob@office.test\nFrom: x@outside.test\nMessage-ID: <t1@x>\n\nhello\n");
        ConsoleClient.Response test = admin.post("/api/v1/collector/accounts/fromfile/test", Map.of());
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        JsonNode report = test.json();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("messages").asInt()).isEqualTo(2);
        assertThat(report.get("steps").findValuesAsText("step")).containsExactly("connect", "capa", "login", "stat", "profile");
        assertThat(report.get("capabilities").toString()).contains("UIDL");
        assertThat(report.get("profile").path("envelopeHeaders").path("Delivered-To").asInt()).as(report.toString()).isEqualTo(2);
        assertThat(report.get("profile").get("envelopeHeaders").path("X-Original-To").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.get("profile").get("oneCopyPerRecipient").asBoolean()).isTrue();
        assertThat(provider.getReceivedMessages()).hasSize(2); // nothing downloaded for good, nothing deleted

        // Unsaved settings with a wrong password: the login step fails and says so.
        Map<String, Object> wrong = account("x", "password", "nope");
        wrong.remove("name");
        JsonNode bad = admin.post("/api/v1/collector/test", wrong).json();
        assertThat(bad.get("ok").asBoolean()).isFalse();
        JsonNode last = bad.get("steps").get(bad.get("steps").size() - 1);
        assertThat(last.get("step").asText()).isEqualTo("login");
        assertThat(last.get("ok").asBoolean()).isFalse();

        // The dry run, as a report.
        JsonNode dry = admin.post("/api/v1/collector/accounts/fromfile/dry-run", Map.of()).json();
        assertThat(dry.get("envelope_headers_seen").toString()).contains("Delivered-To");
        assertThat(dry.get("messages").size()).isEqualTo(2);
        assertThat(postroom.delivered("alice")).isEmpty();
    }

    @Test
    void heldMessagesAreDeliveredToAnAddressOrDeleted() throws Exception {
        assertThat(admin.post("/api/v1/collector/accounts", account("office", "unresolved", "hold", "enabled", false)).status()).isEqualTo(201);
        put("Delivered-To: nobody@office.test\nFrom: x@outside.test\nSubject: first\nMessage-ID: <h1@x>\n\nhello\n");
        put("Delivered-To: nobody2@office.test\nFrom: x@outside.test\nSubject: second\nMessage-ID: <h2@x>\n\nhello\n");
        assertThat(admin.post("/api/v1/collector/accounts/office/collect", Map.of()).json().get("cycles").get(0).get("unresolved").asInt()).isEqualTo(2);
        JsonNode held = admin.get("/api/v1/collector/held").json();
        assertThat(held.size()).isEqualTo(2);
        assertThat(held.findValuesAsText("subject")).containsExactlyInAnyOrder("first", "second");
        JsonNode first = held.get(0).get("subject").asText().equals("first") ? held.get(0) : held.get(1);
        JsonNode second = first == held.get(0) ? held.get(1) : held.get(0);
        assertThat(first.get("why").asText()).isNotEmpty();

        String base = "/api/v1/collector/held/office/";
        assertThat(admin.post(base + first.get("id").asText() + "/deliver", Map.of("to", "nobody@outside.test")).status()).isEqualTo(422);
        ConsoleClient.Response delivered = admin.post(base + first.get("id").asText() + "/deliver", Map.of("to", "alice@office.test"));
        assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
        assertThat(postroom.delivered("alice")).hasSize(1);
        assertThat(Files.readString(postroom.delivered("alice").getFirst())).contains("Subject: first");
        assertThat(admin.delete(base + second.get("id").asText()).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/collector/held").json().size()).isZero();
        assertThat(admin.delete(base + second.get("id").asText()).status()).isEqualTo(404);
        assertThat(admin.delete(base + "..%2F..%2Fpostroom.db").status()).isEqualTo(404);
        assertThat(postroom.delivered("bob")).isEmpty();
    }

    @Test
    void authorizationValidationAndCsrf() throws Exception {
        ConsoleClient anonymous = ConsoleClient.to(postroom);
        assertThat(anonymous.get("/api/v1/collector/accounts").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/collector/accounts", account("office")).status()).isEqualTo(401);
        ConsoleClient alice = ConsoleClient.user(postroom, "carol");
        assertThat(alice.get("/api/v1/collector/accounts").status()).isEqualTo(403);
        assertThat(alice.get("/api/v1/collector/held").status()).isEqualTo(403);
        assertThat(alice.post("/api/v1/collector/accounts", account("office")).status()).isEqualTo(403);

        // Validation: the rules of postroom.toml, each naming the key.
        ConsoleClient.Response noHost = admin.post("/api/v1/collector/accounts", account("office", "host", ""));
        assertThat(noHost.status()).isEqualTo(422);
        assertThat(noHost.errorCode()).isEqualTo("invalid");
        assertThat(noHost.json().get("error").get("message").asText()).contains("host");
        Map<String, Object> plaintext = account("office");
        plaintext.remove("allow_plaintext");
        assertThat(admin.post("/api/v1/collector/accounts", plaintext).json().get("error").get("message").asText()).contains("allow_plaintext");
        assertThat(admin.post("/api/v1/collector/accounts", account("office", "port", "many")).status()).isEqualTo(422);
        assertThat(admin.post("/api/v1/collector/accounts", account("office", "colour", "blue")).status()).isEqualTo(422);
        assertThat(admin.post("/api/v1/collector/accounts", account("../x")).status()).isEqualTo(422);
        assertThat(admin.post("/api/v1/collector/accounts", List.of(1)).status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/collector/accounts", account("fromfile")).status()).isEqualTo(409); // postroom.toml's name
        assertThat(admin.patch("/api/v1/collector/accounts/fromfile", Map.of("interval", "2h")).status()).isEqualTo(409); // read only here
        assertThat(admin.post("/api/v1/collector/accounts", account("office", "enabled", false)).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/collector/accounts", account("office")).status()).isEqualTo(409);
        assertThat(admin.patch("/api/v1/collector/accounts/office", Map.of("interval", "0s")).status()).isEqualTo(422);
        assertThat(admin.patch("/api/v1/collector/accounts/nosuch", Map.of("interval", "2h")).status()).isEqualTo(404);

        // CSRF: a session without the token, or from another origin, is refused; a bearer token needs neither.
        ConsoleClient noCsrf = ConsoleClient.admin(postroom, "boss2").csrf(false);
        ConsoleClient.Response refused = noCsrf.post("/api/v1/collector/accounts/office/disable", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("csrf");
        assertThat(ConsoleClient.admin(postroom, "boss3").origin("http://evil.test").delete("/api/v1/collector/accounts/office").status()).isEqualTo(403);
        String token;
        try (Database db = Database.open(postroom.dataDir().resolve("postroom.db"))) {
            token = new ApiTokens(db).create(postroom.directory().findUser(org.postroom.message.MailAddress.parse("boss@office.test")).orElseThrow(),
                    "script", Instant.now()).secret();
        }
        ConsoleClient script = ConsoleClient.to(postroom).withToken(token).csrf(false).origin(null);
        assertThat(script.post("/api/v1/collector/accounts/office/disable", Map.of()).status()).isEqualTo(200);
        assertThat(script.delete("/api/v1/collector/accounts/office").status()).isEqualTo(200);
    }

    private List<String> adminEvents() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + postroom.dataDir().resolve("trace.db"));
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT * FROM event")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.append(rs.getString(i)).append(' ');
                out.add(row.toString());
            }
            return out;
        }
    }
}
