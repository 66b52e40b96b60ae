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

/**
 * The console's defences over real HTTP: 401 without a session, 403 for a non-admin, CSRF token and Origin on every
 * state-changing request signed in by cookie, bearer tokens without CSRF, the security headers, bounded bodies.
 */
class ConsoleSecurityTest {
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
    void withoutASessionEveryApiRouteButLoginAndTheDocumentIs401() {
        ConsoleClient nobody = ConsoleClient.to(postroom);
        for (String path : new String[] {"/api/v1/users", "/api/v1/users/boss@office.test", "/api/v1/aliases", "/api/v1/groups",
                "/api/v1/domains", "/api/v1/tokens", "/api/v1/me", "/api/v1/session"}) {
            var r = nobody.get(path);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.errorCode()).as(path).isEqualTo("not_signed_in");
        }
        assertThat(nobody.post("/api/v1/users", Map.of("address", "x@office.test", "password", "p")).status()).isEqualTo(401);
        assertThat(nobody.get("/api/v1/openapi.json").status()).isEqualTo(200);
    }

    @Test
    void aUserWithoutTheAdminRoleReachesOnlyTheirOwnAccount() {
        ConsoleClient user = ConsoleClient.user(postroom, "plain");
        for (String path : new String[] {"/api/v1/users", "/api/v1/aliases", "/api/v1/groups", "/api/v1/domains", "/api/v1/tokens",
                "/api/v1/users/plain@office.test"}) {
            var r = user.get(path);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.errorCode()).as(path).isEqualTo("forbidden");
        }
        assertThat(user.put("/api/v1/users/plain@office.test/password", Map.of("password", "another long password")).status()).isEqualTo(403);
        assertThat(user.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(user.get("/api/v1/session").json().get("admin").asBoolean()).isFalse();
    }

    @Test
    void aStateChangingRequestWithoutTheCsrfTokenIsRefused() {
        ConsoleClient c = ConsoleClient.admin(postroom, "nocsrf").csrf(false);
        var r = c.post("/api/v1/domains", Map.of("name", "csrf-a.test"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("csrf");
        var form = c.postForm("/api/v1/domains", Map.of("name", "csrf-a.test"));
        assertThat(form.status()).isEqualTo(403);
        assertThat(postroom.directory().findDomain("csrf-a.test")).isEmpty();
    }

    @Test
    void aWrongCsrfTokenIsRefused() {
        var refused = admin.send("POST", "/api/v1/domains", "{\"name\":\"csrf-c.test\"}",
                Map.of("Content-Type", "application/json", "X-CSRF-Token", "not-the-token"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("csrf");
        assertThat(postroom.directory().findDomain("csrf-c.test")).isEmpty();
    }

    @Test
    void aForeignOriginIsRefusedEvenWithTheToken() {
        ConsoleClient c = ConsoleClient.admin(postroom, "foreign").origin("https://evil.example");
        var r = c.post("/api/v1/domains", Map.of("name", "csrf-d.test"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("csrf");
        assertThat(postroom.directory().findDomain("csrf-d.test")).isEmpty();
    }

    @Test
    void aCookieRequestWithNeitherOriginNorRefererIsRefusedAndARefererOfThisServerIsEnough() {
        ConsoleClient c = ConsoleClient.admin(postroom, "noorigin").origin(null);
        var r = c.post("/api/v1/domains", Map.of("name", "csrf-e.test"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("csrf");
        var withReferer = c.send("POST", "/api/v1/domains", "{\"name\":\"csrf-e.test\"}",
                Map.of("Content-Type", "application/json", "Referer", c.base() + "/domains"));
        assertThat(withReferer.status()).isEqualTo(201);
    }

    @Test
    void aCrossSiteLoginIsRefused() {
        postroom.addUser("victim");
        ConsoleClient c = ConsoleClient.to(postroom).origin("https://evil.example");
        var r = c.login("victim@office.test", TestPostroom.PASSWORD);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("csrf");
    }

    @Test
    void aBearerTokenNeedsNoCsrfAndABadOneIs401() {
        String token = admin.post("/api/v1/tokens", Map.of("name", "script")).json().get("token").asText();
        ConsoleClient script = ConsoleClient.to(postroom).withToken(token).origin(null);
        var r = script.post("/api/v1/domains", Map.of("name", "bearer.test"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(script.get("/api/v1/session").json().get("viaToken").asBoolean()).isTrue();
        var bad = ConsoleClient.to(postroom).withToken("prt_not-a-token").get("/api/v1/domains");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.errorCode()).isEqualTo("not_signed_in");
    }

    @Test
    void everyReplyCarriesTheSecurityHeaders() {
        for (var r : new ConsoleClient.Response[] {admin.get("/api/v1/session"), ConsoleClient.to(postroom).get("/api/v1/users"),
                admin.get("/no-such-page"), admin.get("/healthz")}) {
            assertThat(r.header("Content-Security-Policy")).hasValue("default-src 'self'; script-src 'self'; frame-ancestors 'none'");
            assertThat(r.header("X-Frame-Options")).hasValue("DENY");
            assertThat(r.header("Referrer-Policy")).hasValue("same-origin");
            assertThat(r.header("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.header("Cache-Control")).hasValue("no-store");
        }
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405AsJsonUnderTheApi() {
        var missing = admin.get("/api/v1/nothing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("not_found");
        var wrong = admin.send("PATCH", "/api/v1/session", "{}", Map.of("Content-Type", "application/json"));
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.header("Allow")).hasValueSatisfying(a -> assertThat(a).contains("GET").contains("POST").contains("DELETE"));
    }

    @Test
    void aPagePathsErrorIsAnHtmlPageThatEscapesWhatItShows() {
        var r = admin.get("/no-such-%3Cpage%3E");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.body()).doesNotContain("<page>");
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        String big = "{\"name\":\"" + "a".repeat((1 << 20) + 10) + "\"}";
        var r = admin.send("POST", "/api/v1/domains", big, Map.of("Content-Type", "application/json"));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("too_large");
    }

    @Test
    void aDisabledUsersSessionEndsAtOnce() {
        ConsoleClient user = ConsoleClient.user(postroom, "leaver");
        assertThat(user.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(admin.patch("/api/v1/users/leaver@office.test", Map.of("enabled", false)).status()).isEqualTo(200);
        assertThat(user.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void takingTheAdminRoleAwayTakesEffectOnTheNextRequest() {
        ConsoleClient other = ConsoleClient.admin(postroom, "demoted");
        assertThat(other.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(admin.patch("/api/v1/users/demoted@office.test", Map.of("admin", false)).status()).isEqualTo(200);
        assertThat(other.get("/api/v1/users").status()).isEqualTo(403);
    }

    @Test
    void thePostmasterKeepsTheAdminRole() {
        var r = admin.patch("/api/v1/users/postmaster@office.test", Map.of("admin", false));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("conflict");
        assertThat(postroom.directory().findUser(new org.postroom.message.MailAddress("postmaster", "office.test")).orElseThrow().admin()).isTrue();
    }

}
