package org.postroom.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.TestPostroom;

/** {@code /api/v1/aliases...}, {@code /api/v1/groups...} and {@code /api/v1/domains...} over real HTTP. */
class AddressBookApiTest {
    @TempDir
    static Path dir;
    static TestPostroom postroom;
    static ConsoleClient admin;

    @BeforeAll
    static void start() {
        postroom = TestPostroom.start(dir);
        admin = ConsoleClient.admin(postroom);
        postroom.addUser("ann");
        postroom.addUser("bob");
    }

    @AfterAll
    static void stop() {
        postroom.close();
    }

    @Test
    void aliasesAreAddedListedChangedAndRemoved() {
        var made = admin.post("/api/v1/aliases", Map.of("address", "sales@office.test", "targets", List.of("ann@office.test")));
        assertThat(made.status()).isEqualTo(201);
        assertThat(made.json().get("targets").get(0).asText()).isEqualTo("ann@office.test");
        assertThat(admin.get("/api/v1/aliases").json().findValuesAsText("address")).contains("sales@office.test");
        assertThat(admin.get("/api/v1/aliases?q=ann").json()).isNotEmpty();
        var changed = admin.patch("/api/v1/aliases/sales@office.test", Map.of("add", List.of("bob@office.test"), "remove", List.of("ann@office.test")));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("targets").toString()).isEqualTo("[\"bob@office.test\"]");
        var last = admin.patch("/api/v1/aliases/sales@office.test", Map.of("remove", List.of("bob@office.test")));
        assertThat(last.status()).isEqualTo(409);
        assertThat(admin.get("/api/v1/aliases/sales@office.test").status()).isEqualTo(200);
        assertThat(admin.delete("/api/v1/aliases/sales@office.test").json().get("kind").asText()).isEqualTo("alias");
        assertThat(admin.get("/api/v1/aliases/sales@office.test").status()).isEqualTo(404);
    }

    @Test
    void aliasValidation() {
        assertThat(admin.post("/api/v1/aliases", Map.of("address", "x@office.test")).status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/aliases", Map.of("address", "x@office.test", "targets", List.of())).status()).isEqualTo(422);
        assertThat(admin.post("/api/v1/aliases", Map.of("address", "ann@office.test", "targets", List.of("bob@office.test"))).status()).isEqualTo(409);
        assertThat(admin.post("/api/v1/aliases", Map.of("address", "y@office.test", "targets", List.of("nobody@office.test"))).status()).isIn(404, 422);
        assertThat(admin.patch("/api/v1/aliases/none@office.test", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void groupsWithMembersAndTheirListPolicy() {
        var made = admin.post("/api/v1/groups", Map.of("address", "all@office.test", "members", List.of("ann@office.test")));
        assertThat(made.status()).isEqualTo(201);
        assertThat(made.json().get("localSendersOnly").asBoolean()).isFalse();
        var added = admin.post("/api/v1/groups/all@office.test/members", Map.of("members", List.of("bob@office.test", "friend@outside.test")));
        assertThat(added.json().get("members")).hasSize(3);
        var removed = admin.delete("/api/v1/groups/all@office.test/members/friend@outside.test");
        assertThat(removed.json().get("members")).hasSize(2);
        assertThat(admin.delete("/api/v1/groups/all@office.test/members/stranger@outside.test").status()).isEqualTo(404);
        var policy = admin.patch("/api/v1/groups/all@office.test", Map.of("localSendersOnly", true));
        assertThat(policy.json().get("localSendersOnly").asBoolean()).isTrue();
        assertThat(postroom.directory().findGroup(new MailAddress("all", "office.test")).orElseThrow().localSendersOnly()).isTrue();
        assertThat(admin.get("/api/v1/groups/all@office.test").json().get("members")).hasSize(2);
        assertThat(admin.get("/api/v1/groups").json().findValuesAsText("address")).contains("all@office.test");
        assertThat(admin.delete("/api/v1/groups/all@office.test").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/groups/all@office.test").status()).isEqualTo(404);
    }

    @Test
    void groupValidation() {
        assertThat(admin.post("/api/v1/groups", Map.of("members", List.of())).status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/groups", Map.of("address", "g@elsewhere.test")).status()).isIn(404, 422);
        assertThat(admin.patch("/api/v1/groups/none@office.test", Map.of("localSendersOnly", "yes")).status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/groups/none@office.test/members", Map.of("members", List.of("ann@office.test"))).status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/groups/none@office.test/members", Map.of("members", List.of())).status()).isEqualTo(400);
    }

    @Test
    void domainsAndTheirCatchAll() {
        var made = admin.post("/api/v1/domains", Map.of("name", "Branch.Test"));
        assertThat(made.status()).isEqualTo(201);
        assertThat(made.json().get("name").asText()).isEqualTo("branch.test");
        assertThat(admin.get("/api/v1/domains").json().findValuesAsText("name")).contains("office.test", "branch.test");
        var set = admin.put("/api/v1/domains/office.test/catch-all", Map.of("target", "ann@office.test"));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("catchAll").asText()).isEqualTo("ann@office.test");
        var cleared = admin.send("PUT", "/api/v1/domains/office.test/catch-all", "{\"target\":null}", Map.of("Content-Type", "application/json"));
        assertThat(cleared.json().get("catchAll").isNull()).isTrue();
        assertThat(admin.put("/api/v1/domains/office.test/catch-all", Map.of()).status()).isEqualTo(400);
        assertThat(admin.delete("/api/v1/domains/office.test").status()).isEqualTo(409);
        assertThat(admin.delete("/api/v1/domains/branch.test").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/domains/branch.test").status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/domains", Map.of("name", "not a domain")).status()).isEqualTo(422);
        assertThat(admin.post("/api/v1/domains", Map.of("name", "office.test")).status()).isEqualTo(409);
    }
}
