package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.TestPostroom;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;
import org.postroom.trace.TraceReader;

/** The console's CLI side: {@code user set --admin}, {@code token create|list|revoke}, and their audit events. */
class ConsoleCliTest {
    @TempDir
    Path data;
    TestPostroom postroom;
    String dataArg;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(data);
        dataArg = "--data=" + data;
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    private static Cli.Result ok(Cli.Result result) {
        assertThat(result.code()).as(result.toString()).isZero();
        return result;
    }

    @Test
    void theAdminRoleIsSetShownAndListedAndThePostmasterHasIt() {
        postroom.addUser("ann");
        assertThat(ok(Cli.run("user", "show", dataArg, "ann@office.test")).out()).containsPattern("admin:\\s+no");
        ok(Cli.run("user", "set", dataArg, "ann@office.test", "--admin", "true"));
        assertThat(ok(Cli.run("user", "show", dataArg, "ann@office.test")).out()).containsPattern("admin:\\s+yes");
        JsonNode list = ok(Cli.run("user", "list", dataArg, "--format", "json")).json();
        for (JsonNode u : list) {
            boolean expected = u.get("address").asText().startsWith("ann@") || u.get("address").asText().startsWith("postmaster@");
            assertThat(u.get("admin").asBoolean()).as(u.toString()).isEqualTo(expected);
        }
        assertThat(ok(Cli.run("user", "list", dataArg)).out()).contains("ADMIN");
        var refused = Cli.run("user", "set", dataArg, "postmaster@office.test", "--admin", "false");
        assertThat(refused.code()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(refused.err()).contains("always an admin");
        ok(Cli.run("user", "set", dataArg, "ann@office.test", "--admin", "false"));
        assertThat(postroom.directory().findUser(new org.postroom.message.MailAddress("ann", "office.test")).orElseThrow().admin()).isFalse();
    }

    @Test
    void aTokenIsPrintedOnceWorksOverTheApiAndIsRevoked() {
        postroom.addUser("robot");
        var created = ok(Cli.run("token", "create", dataArg, "--user", "robot@office.test", "--name", "nightly"));
        String token = created.out().lines().findFirst().orElseThrow();
        assertThat(token).startsWith("prt_");
        assertThat(created.out()).contains("shown only now");
        assertThat(ConsoleClient.to(postroom).withToken(token).get("/api/v1/me").status()).isEqualTo(200);
        String listed = ok(Cli.run("token", "list", dataArg)).out();
        assertThat(listed).contains("robot@office.test").contains("nightly").doesNotContain(token);
        JsonNode json = ok(Cli.run("token", "list", dataArg, "--format", "json")).json();
        long id = json.get(0).get("id").asLong();
        ok(Cli.run("token", "revoke", dataArg, Long.toString(id)));
        assertThat(ConsoleClient.to(postroom).withToken(token).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(Cli.run("token", "revoke", dataArg, Long.toString(id)).code()).isEqualTo(ExitCodes.NO_SUCH);
        assertThat(Cli.run("token", "create", dataArg, "--user", "nobody@office.test").code()).isEqualTo(ExitCodes.NO_SUCH);
    }

    @Test
    void theGroupsListPolicyIsSetAsInTheConsole() {
        ok(Cli.run("group", "add", dataArg, "crew@office.test"));
        assertThat(ok(Cli.run("group", "set", dataArg, "crew@office.test", "--local-senders-only", "true", "--format", "json")).json()
                .get("localSendersOnly").asBoolean()).isTrue();
        assertThat(postroom.directory().findGroup(new org.postroom.message.MailAddress("crew", "office.test")).orElseThrow().localSendersOnly()).isTrue();
        assertThat(Cli.run("group", "set", dataArg, "none@office.test", "--local-senders-only", "false").code()).isEqualTo(ExitCodes.NO_SUCH);
    }

    @Test
    void cliChangesAreAuditedInTheTrace() throws Exception {
        ok(Cli.runWithInput("a long enough password\n", "user", "add", dataArg, "--password-stdin", "gina@office.test"));
        ok(Cli.run("alias", "add", dataArg, "info@office.test", "gina@office.test"));
        postroom.trace().flush();
        List<Event> events;
        try (TraceReader reader = TraceReader.open(data, ZoneOffset.UTC)) {
            events = reader.find("gina@office.test", Instant.EPOCH, 100).stream().flatMap(s -> s.steps().stream())
                    .filter(e -> e.kind() == EventKind.ADMIN).toList();
        }
        assertThat(events).extracting(e -> e.detail("action")).contains("user.add");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.detail("face")).isEqualTo("cli");
            assertThat(e.sender()).startsWith("cli:");
        });
        // `postroom trace` shows them, with a verdict that says who did what
        String shown = ok(Cli.run("trace", dataArg, "gina@office.test")).out();
        assertThat(shown).contains("verdict: admin cli:").contains("user.add gina@office.test: ok").contains("admin");
    }
}
