package org.postroom.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.TestPostroom;

/** {@code /api/v1/users...} over real HTTP: every operation, and its validation errors. */
class UserApiTest {
    @TempDir
    static Path dir;
    static TestPostroom postroom;
    static ConsoleClient admin;

    @BeforeAll
    static void start() {
        postroom = TestPostroom.start(dir);
        admin = ConsoleClient.admin(postroom);
    }

    @AfterAll
    static void stop() {
        postroom.close();
    }

    static Map<String, Object> newUser(String address) {
        return Map.of("address", address, "name", "Ann Example", "password", "a long enough password", "quotaBytes", 1_000_000);
    }

    @Test
    void addingAUserMakesItWithItsSpecialFoldersAndItCanSignIn() {
        var r = admin.post("/api/v1/users", newUser("ann@office.test"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Location")).hasValue("/api/v1/users/ann@office.test");
        assertThat(r.json().get("address").asText()).isEqualTo("ann@office.test");
        assertThat(r.json().get("quotaBytes").asLong()).isEqualTo(1_000_000);
        assertThat(r.json().get("admin").asBoolean()).isFalse();
        assertThat(Files.isDirectory(dir.resolve("mail/office.test/ann/.Sent"))).isTrue();
        assertThat(ConsoleClient.to(postroom).login("ann@office.test", "a long enough password").status()).isEqualTo(200);
    }

    @Test
    void theListShowsUsersWithQuotaUseAndSearches() {
        admin.post("/api/v1/users", newUser("listed@office.test"));
        postroom.deliver("listed", "Subject: hi\r\n\r\nhello\r\n");
        var all = admin.get("/api/v1/users");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().findValuesAsText("address")).contains("listed@office.test", "boss@office.test");
        var found = admin.get("/api/v1/users?q=LISTED");
        assertThat(found.json()).hasSize(1);
        assertThat(found.json().get(0).get("usedBytes").asLong()).isGreaterThan(0);
    }

    @Test
    void showNamesTheGroupsAndAliases() {
        admin.post("/api/v1/users", newUser("shown@office.test"));
        admin.post("/api/v1/groups", Map.of("address", "team@office.test", "members", java.util.List.of("shown@office.test")));
        var r = admin.get("/api/v1/users/shown@office.test");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("groups").get(0).asText()).isEqualTo("team@office.test");
        assertThat(r.json().get("usedBytes").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(admin.get("/api/v1/users/shown%40office.test").status()).isEqualTo(200);
    }

    @Test
    void patchChangesOnlyWhatIsGiven() {
        admin.post("/api/v1/users", newUser("patched@office.test"));
        var r = admin.patch("/api/v1/users/patched@office.test", Map.of("name", "New Name", "internalOnly", true, "imapAllowed", false,
                "pop3OfficeOnly", true, "quotaBytes", 0));
        assertThat(r.status()).isEqualTo(200);
        var user = postroom.directory().findUser(new MailAddress("patched", "office.test")).orElseThrow();
        assertThat(user.displayName()).isEqualTo("New Name");
        assertThat(user.internalOnly()).isTrue();
        assertThat(user.imapAllowed()).isFalse();
        assertThat(user.pop3OfficeOnly()).isTrue();
        assertThat(user.unlimitedQuota()).isTrue();
        assertThat(user.enabled()).isTrue();
    }

    @Test
    void removeMovesTheMailboxAsideOrKeepsIt() {
        admin.post("/api/v1/users", newUser("gone@office.test"));
        var moved = admin.delete("/api/v1/users/gone@office.test");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("mailbox").asText()).isEqualTo("moved");
        assertThat(Files.exists(dir.resolve("mail/office.test/gone"))).isFalse();
        admin.post("/api/v1/users", newUser("kept@office.test"));
        var kept = admin.delete("/api/v1/users/kept@office.test?keepMail=true");
        assertThat(kept.json().get("mailbox").asText()).isEqualTo("kept");
        assertThat(Files.isDirectory(dir.resolve("mail/office.test/kept"))).isTrue();
        assertThat(admin.get("/api/v1/users/kept@office.test").status()).isEqualTo(404);
    }

    @Test
    void aPasswordResetWorksAndEndsTheUsersSessions() {
        admin.post("/api/v1/users", newUser("reset@office.test"));
        ConsoleClient user = ConsoleClient.to(postroom).signIn("reset@office.test", "a long enough password");
        var r = admin.put("/api/v1/users/reset@office.test/password", Map.of("password", "the new long password"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(user.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(ConsoleClient.to(postroom).login("reset@office.test", "the new long password").status()).isEqualTo(200);
    }

    @Test
    void validationErrorsHaveStableCodes() {
        assertThat(admin.post("/api/v1/users", Map.of("address", "x@office.test")).errorCode()).isEqualTo("invalid");
        assertThat(admin.post("/api/v1/users", Map.of("address", "x@office.test")).status()).isEqualTo(400);
        var badAddress = admin.post("/api/v1/users", Map.of("address", "not an address", "password", "a long enough password"));
        assertThat(badAddress.status()).isEqualTo(422);
        assertThat(badAddress.errorCode()).isEqualTo("invalid");
        var foreign = admin.post("/api/v1/users", newUser("x@elsewhere.test"));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.errorCode()).isEqualTo("not_found");
        admin.post("/api/v1/users", newUser("twice@office.test"));
        var twice = admin.post("/api/v1/users", newUser("twice@office.test"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.errorCode()).isEqualTo("conflict");
        var wrongType = admin.post("/api/v1/users", Map.of("address", "t@office.test", "password", "a long enough password", "quotaBytes", "lots"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("error").path("message").asText()).contains("quotaBytes");
        var negative = admin.post("/api/v1/users", Map.of("address", "n@office.test", "password", "a long enough password", "quotaBytes", -1));
        assertThat(negative.status()).isEqualTo(422);
        assertThat(admin.patch("/api/v1/users/twice@office.test", Map.of()).status()).isEqualTo(400);
        assertThat(admin.patch("/api/v1/users/nobody@office.test", Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/users/nobody@office.test").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/users/twice@office.test?keepMail=maybe").status()).isEqualTo(400);
    }
}
