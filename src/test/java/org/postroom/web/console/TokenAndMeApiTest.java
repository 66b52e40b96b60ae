package org.postroom.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.TestPostroom;

/** {@code /api/v1/tokens...} and {@code /api/v1/me...} over real HTTP. */
class TokenAndMeApiTest {
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

    @Test
    void aTokenIsShownOnceListedWithoutItsSecretAndRevoked() {
        postroom.addUser("robot");
        var made = admin.post("/api/v1/tokens", Map.of("user", "robot@office.test", "name", "backup script"));
        assertThat(made.status()).isEqualTo(201);
        String token = made.json().get("token").asText();
        assertThat(token).startsWith("prt_").hasSize(4 + 43);
        long id = made.json().get("id").asLong();
        var list = admin.get("/api/v1/tokens?user=robot@office.test");
        assertThat(list.json()).hasSize(1);
        assertThat(list.body()).doesNotContain(token.substring(4)).contains("backup script");
        ConsoleClient robot = ConsoleClient.to(postroom).withToken(token);
        assertThat(robot.get("/api/v1/me").json().get("address").asText()).isEqualTo("robot@office.test");
        assertThat(robot.get("/api/v1/users").status()).isEqualTo(403); // the token has its user's role, no more
        assertThat(admin.get("/api/v1/tokens?user=robot@office.test").json().get(0).get("lastUsed").isNull()).isFalse();
        assertThat(admin.delete("/api/v1/tokens/" + id).status()).isEqualTo(200);
        assertThat(robot.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(admin.delete("/api/v1/tokens/" + id).status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/tokens/abc").status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/tokens", Map.of("user", "nobody@office.test")).status()).isEqualTo(404);
    }

    @Test
    void onlyTheHashIsStored() throws Exception {
        String token = admin.post("/api/v1/tokens", Map.of("name", "hash check")).json().get("token").asText();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + org.postroom.directory.Database.fileIn(dir));
                var s = c.createStatement(); var rs = s.executeQuery("SELECT hash FROM api_token")) {
            boolean found = false;
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            while (rs.next()) {
                assertThat(rs.getString(1)).doesNotContain(token);
                found |= rs.getString(1).equals(sha);
            }
            assertThat(found).isTrue();
        }
    }

    @Test
    void meShowsQuotaUseAndChangesTheOwnPassword() {
        ConsoleClient user = ConsoleClient.user(postroom, "self");
        postroom.directory().setQuota(new org.postroom.message.MailAddress("self", "office.test"), 5_000_000);
        postroom.deliver("self", "Subject: x\r\n\r\nsome text\r\n");
        var me = user.get("/api/v1/me");
        assertThat(me.json().get("quotaBytes").asLong()).isEqualTo(5_000_000);
        assertThat(me.json().get("usedBytes").asLong()).isGreaterThan(0);
        var wrong = user.put("/api/v1/me/password", Map.of("currentPassword", "wrong", "password", "my new long password"));
        assertThat(wrong.status()).isEqualTo(403);
        var missing = user.put("/api/v1/me/password", Map.of("password", "my new long password"));
        assertThat(missing.status()).isEqualTo(400);
        var changed = user.put("/api/v1/me/password", Map.of("currentPassword", TestPostroom.PASSWORD, "password", "my new long password"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("Set-Cookie")).isPresent();
        assertThat(ConsoleClient.to(postroom).login("self@office.test", "my new long password").status()).isEqualTo(200);
        assertThat(ConsoleClient.to(postroom).login("self@office.test", TestPostroom.PASSWORD).status()).isEqualTo(401);
    }
}
