package org.postroom.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.MutableClock;
import org.postroom.testing.TestPostroom;

/** A bearer token's use is written at most once a minute: a busy API client does not make every request a commit. */
class TokenLastUsedTest {
    @TempDir
    Path dir;

    @Test
    void lastUsedIsWrittenOnFirstUseThenAtMostOnceAMinute() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (TestPostroom postroom = TestPostroom.start(dir, "", clock)) {
            ConsoleClient admin = ConsoleClient.admin(postroom);
            String token = admin.post("/api/v1/tokens", Map.of("name", "busy")).json().get("token").asText();
            ConsoleClient robot = ConsoleClient.to(postroom).withToken(token);
            assertThat(lastUsed()).isZero();
            assertThat(robot.get("/api/v1/me").status()).isEqualTo(200);
            long first = clock.millis();
            assertThat(lastUsed()).isEqualTo(first);
            clock.advance(Duration.ofSeconds(30));
            assertThat(robot.get("/api/v1/me").status()).isEqualTo(200);
            assertThat(lastUsed()).isEqualTo(first);
            assertThat(ConsoleClient.to(postroom).withToken("prt_" + "x".repeat(43)).get("/api/v1/me").status()).isEqualTo(401);
            clock.advance(Duration.ofSeconds(31));
            assertThat(robot.get("/api/v1/me").status()).isEqualTo(200);
            assertThat(lastUsed()).isEqualTo(clock.millis());
        }
    }

    private long lastUsed() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + org.postroom.directory.Database.fileIn(dir));
                var s = c.createStatement(); var rs = s.executeQuery("SELECT coalesce(last_used, 0) FROM api_token")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
