package org.postroom.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.TestPostroom;

/** The last enabled admin cannot be demoted, disabled or removed (409): the office would be locked out of its console. */
class LastAdminTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        postroom.close();
    }

    @Test
    void theLastEnabledAdminStays() {
        postroom = TestPostroom.start(dir);
        ConsoleClient boss = ConsoleClient.admin(postroom);
        // The postmaster is the other admin; disabled, it no longer counts.
        assertThat(boss.patch("/api/v1/users/postmaster@office.test", Map.of("enabled", false)).status()).isEqualTo(200);
        for (Map<String, Object> change : java.util.List.<Map<String, Object>>of(Map.of("admin", false), Map.of("enabled", false),
                Map.of("admin", false, "enabled", true))) {
            ConsoleClient.Response refused = boss.patch("/api/v1/users/boss@office.test", change);
            assertThat(refused.status()).as(change.toString()).isEqualTo(409);
            assertThat(refused.body()).contains("the last admin");
        }
        assertThat(boss.delete("/api/v1/users/boss@office.test").status()).isEqualTo(409);
        // What the pages send for an admin left as they are is fine.
        assertThat(boss.patch("/api/v1/users/boss@office.test", Map.of("admin", true, "enabled", true, "name", "Boss")).status()).isEqualTo(200);
        // With another enabled admin, either may go.
        postroom.addUser("ann");
        assertThat(boss.patch("/api/v1/users/ann@office.test", Map.of("admin", true)).status()).isEqualTo(200);
        assertThat(boss.patch("/api/v1/users/ann@office.test", Map.of("enabled", false)).status()).isEqualTo(200);
        assertThat(boss.patch("/api/v1/users/boss@office.test", Map.of("admin", false)).status()).isEqualTo(409);
        assertThat(boss.patch("/api/v1/users/ann@office.test", Map.of("enabled", true)).status()).isEqualTo(200);
        assertThat(boss.delete("/api/v1/users/ann@office.test").status()).isEqualTo(200);
    }
}
