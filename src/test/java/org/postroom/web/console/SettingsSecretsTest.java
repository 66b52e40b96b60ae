package org.postroom.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.service.SettingsService;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.TestPostroom;

/** {@code GET /api/v1/settings} never shows a password: the relay's login is shown, its password masked. */
class SettingsSecretsTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    @Test
    void passwordsAreMasked() {
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:1\"]\nlogin = \"office\"\npassword = \"hunter2 secret\"\n");
        var r = ConsoleClient.admin(postroom).get("/api/v1/settings");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("hunter2");
        JsonNode password = null;
        for (JsonNode s : r.json().get("settings")) if (s.get("key").asText().equals("relay.password")) password = s;
        assertThat(password).isNotNull();
        assertThat(password.get("value").asText()).isEqualTo(SettingsService.MASK);
        assertThat(password.get("secret").asBoolean()).isTrue();
        assertThat(password.get("source").asText()).startsWith("postroom.toml line ");
    }
}
