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

/** Over HTTPS the session cookie is {@code __Host-postroom}: Secure, HttpOnly, SameSite=Strict, Path=/, no Domain. */
class HttpsConsoleTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(dir, "[web]\nport = 0\ntls = \"always\"\n");
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    @Test
    void theSessionCookieHasTheHostPrefixAndEveryAttribute() {
        postroom.addUser("ann");
        postroom.directory().setAdmin(new org.postroom.message.MailAddress("ann", "office.test"), true);
        ConsoleClient c = ConsoleClient.https(postroom);
        var r = c.login("ann@office.test", TestPostroom.PASSWORD);
        assertThat(r.status()).isEqualTo(200);
        String cookie = r.header("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("__Host-postroom=").contains("; Path=/").contains("; Secure").contains("; HttpOnly")
                .contains("; SameSite=Strict").doesNotContainIgnoringCase("domain=");
        assertThat(c.get("/api/v1/session").status()).isEqualTo(200);
        // the Origin check knows the scheme: https://host, not http://host
        assertThat(c.post("/api/v1/domains", Map.of("name", "secure.test")).status()).isEqualTo(201);
        c.origin("http://" + c.base().getAuthority());
        assertThat(c.post("/api/v1/domains", Map.of("name", "plain.test")).errorCode()).isEqualTo("csrf");
        // a cookie of the plain-HTTP name is not a session here
        var plain = ConsoleClient.https(postroom).send("GET", "/api/v1/session", null,
                Map.of("Cookie", "postroom=" + c.sessionCookie().orElseThrow().split("=", 2)[1]));
        assertThat(plain.status()).isEqualTo(401);
    }
}
