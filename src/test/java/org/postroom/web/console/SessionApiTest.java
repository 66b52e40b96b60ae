package org.postroom.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.TestPostroom;

/** Signing in and out of the console over real HTTP. */
class SessionApiTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(dir);
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    @Test
    void loginSetsACookieAndTheSessionShowsTheCallerAndItsCsrfToken() {
        postroom.addUser("ann");
        ConsoleClient client = ConsoleClient.to(postroom);
        var r = client.login("ann@office.test", TestPostroom.PASSWORD);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("address").asText()).isEqualTo("ann@office.test");
        assertThat(r.json().get("admin").asBoolean()).isFalse();
        assertThat(r.header("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
                .startsWith("postroom=").contains("HttpOnly").contains("SameSite=Strict").contains("Path=/"));
        var me = client.get("/api/v1/session");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("csrfToken").asText()).isEqualTo(client.csrfToken()).hasSize(43);
    }

    @Test
    void aWrongPasswordIs401AndSetsNoCookie() {
        postroom.addUser("ann");
        var r = ConsoleClient.to(postroom).login("ann@office.test", "wrong");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("not_signed_in");
        assertThat(r.header("Set-Cookie")).isEmpty();
    }

    @Test
    void withoutASessionTheApiAnswers401() {
        var r = ConsoleClient.to(postroom).get("/api/v1/session");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("not_signed_in");
        assertThat(r.header("Content-Type")).hasValue("application/json");
    }

    @Test
    void logoutEndsTheSession() {
        postroom.addUser("ann");
        ConsoleClient client = ConsoleClient.to(postroom).signIn("ann", TestPostroom.PASSWORD);
        var out = client.delete("/api/v1/session");
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.header("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(client.get("/api/v1/session").status()).isEqualTo(401);
    }

    @Test
    void malformedJsonIs400() {
        var r = ConsoleClient.to(postroom).send("POST", "/api/v1/session", "{not json", Map.of("Content-Type", "application/json"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid");
    }
}
