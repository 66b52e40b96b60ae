package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.TestPostroom;

/** {@code postroom config show}: each setting, where it came from, passwords masked (the settings page's service). */
class ConfigShowCliTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    @Test
    void showsEachSettingWithItsSourceAndMasksThePassword() {
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:1\"]\nlogin = \"office\"\npassword = \"hunter2 secret\"\n");
        Cli.Result r = Cli.run("config", "show", "--data=" + dir);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).doesNotContain("hunter2");
        assertThat(r.out()).containsPattern("relay\\.password +\\*{8} +postroom\\.toml line \\d+")
                .containsPattern("server\\.hostname +mx\\.office\\.test +postroom\\.toml line 2")
                .containsPattern("relay\\.max_connections +\\d+ +default");
        Cli.Result json = Cli.run("config", "show", "--format=json", "--data=" + dir);
        assertThat(json.json().get("settings").findValuesAsText("key")).contains("relay.login", "smtp.port", "queue.lifetime");
    }
}
