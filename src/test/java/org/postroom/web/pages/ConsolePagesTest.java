package org.postroom.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.TestPostroom;

/**
 * The pages over plain HTTP (no browser): who may open them, CSRF on every form, Post/Redirect/Get with a flash
 * message shown once, a refused form shown again with its error, and no inline script or style anywhere (the CSP
 * forbids inline script; the pages need none).
 */
class ConsolePagesTest {
    static final List<String> ADMIN_PAGES = List.of("/", "/users", "/users/boss%40office.test", "/aliases", "/groups", "/domains", "/queue",
            "/collector", "/trace?q=boss%40office.test", "/settings", "/account");

    @TempDir
    Path dir;
    TestPostroom postroom;
    ConsoleClient admin;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(dir.resolve("data"));
        admin = ConsoleClient.admin(postroom);
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    @Test
    void everyPageRendersWithoutInlineScriptOrStyleAndWithTheSecurityHeaders() {
        for (String page : ADMIN_PAGES) {
            var r = admin.get(page);
            assertThat(r.status()).as(page + ": " + r.body()).isEqualTo(200);
            assertThat(r.header("Content-Type").orElse("")).as(page).contains("text/html");
            assertThat(r.header("Content-Security-Policy").orElse("")).as(page).contains("script-src 'self'");
            String html = r.body().toLowerCase(java.util.Locale.ROOT);
            assertThat(html).as(page).doesNotContain("<script", " style=", "<style", " onclick=", " onload=", " onsubmit=");
            assertThat(html).as(page).contains("<main id=\"main\"", "href=\"/static/console.css\"");
        }
        var css = admin.get("/static/console.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type").orElse("")).contains("text/css");
        assertThat(css.body()).doesNotContain("@import", "url(http");
    }

    @Test
    void notSignedInGoesToTheLoginFormAndAUserWithoutTheAdminRoleIsRefused() {
        var anonymous = ConsoleClient.to(postroom);
        var r = anonymous.get("/users");
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location").orElse("")).contains("/login");
        assertThat(anonymous.get("/login").body()).contains("<label for=\"login\">");

        var user = ConsoleClient.user(postroom, "ann");
        assertThat(user.get("/users").status()).isEqualTo(403);
        assertThat(user.get("/").header("Location").orElse("")).contains("/account");
        assertThat(user.get("/account").body()).contains("ann@office.test", "Change my password");
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        var r = admin.csrf(false).postForm("/users", Map.of("address", "eve@office.test", "password", "long enough password"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(postroom.directory().findUser(MailAddress.parse("eve@office.test"))).isEmpty();
        var foreign = admin.csrf(true).origin("http://evil.example").postForm("/users", Map.of("address", "eve@office.test", "password", "long enough password"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(postroom.directory().findUser(MailAddress.parse("eve@office.test"))).isEmpty();
    }

    @Test
    void aFormPostRedirectsWithAFlashShownOnceAndARefusalShowsTheFormWithItsError() {
        admin.origin("http://127.0.0.1:" + postroom.webPort());
        var created = admin.postForm("/users", Map.of("address", "dan@office.test", "name", "Dan", "password", "long enough password", "quota", "1G"));
        assertThat(created.status()).isEqualTo(303);
        assertThat(created.header("Location").orElse("")).contains("/users");
        String flash = created.headers("Set-Cookie").stream().filter(c -> c.startsWith(Page.FLASH_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(flash).contains("HttpOnly", "SameSite=Strict");
        assertThat(postroom.directory().findUser(MailAddress.parse("dan@office.test")).orElseThrow().quotaBytes()).isEqualTo(1L << 30);

        var again = admin.postForm("/users", Map.of("address", "dan@office.test", "password", "another long password"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("role=\"alert\"", "dan@office.test", "id=\"new-address\"");

        var badQuota = admin.postForm("/users", Map.of("address", "fay@office.test", "password", "long enough password", "quota", "lots"));
        assertThat(badQuota.status()).isEqualTo(422);
        assertThat(badQuota.body()).contains("lots", "is not a size");
    }

    @Test
    void theAccountPageChangesTheOwnPasswordOnlyWithTheCurrentOne() {
        var user = ConsoleClient.user(postroom, "gus");
        var wrong = user.postForm("/account/password", Map.of("current", "not it", "password", "new long password", "again", "new long password"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("the current password is wrong");
        var right = user.postForm("/account/password", Map.of("current", TestPostroom.PASSWORD, "password", "new long password", "again", "new long password"));
        assertThat(right.status()).isEqualTo(303);
        assertThat(postroom.directory().authenticate("gus@office.test", "new long password".toCharArray())).isPresent();
    }
}
