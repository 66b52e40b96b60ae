package org.postroom.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.postroom.message.MailAddress;
import org.postroom.testing.Browser;
import org.postroom.testing.TestPostroom;

/**
 * The console in a real browser (Debian's headless Chromium, {@link Browser}): an administrator's walk through the
 * pages, one walk with the keyboard alone, and every control's accessible name. Each page's screenshot is saved
 * under {@code target/screenshots/}.
 */
class ConsoleBrowserTest {
    @TempDir
    static Path dir;
    static TestPostroom postroom;
    static Browser browser;
    static WebDriver web;
    static String base;
    static MailAddress admin;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        web = browser.driver();
        postroom = TestPostroom.start(dir.resolve("data"));
        admin = postroom.addUser("boss");
        postroom.directory().setAdmin(admin, true);
        base = "http://127.0.0.1:" + postroom.webPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (postroom != null) postroom.close();
    }

    static void logIn() {
        web.manage().deleteAllCookies();
        web.get(base + "/login");
        web.findElement(By.id("login")).sendKeys(admin.toString());
        web.findElement(By.id("password")).sendKeys(TestPostroom.PASSWORD);
        web.findElement(By.cssSelector("form[action='/login'] button")).click();
    }

    /** The next page's flash message: a click's navigation may still be under way, so wait for it. */
    static String flash() {
        return await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> web.findElement(By.cssSelector("p.flash")).getText(), t -> !t.isEmpty());
    }

    /** An element of the page a click leads to, once that page is there. */
    static org.openqa.selenium.WebElement awaitElement(By by) {
        return await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions().until(() -> web.findElement(by), e -> e != null);
    }

    static void awaitUrl(String url) {
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> web.getCurrentUrl().equals(url));
    }

    @Test
    void anAdministratorCreatesAUserAndEditsIt() throws Exception {
        logIn();
        awaitUrl(base + "/");
        assertThat(flash()).contains("Signed in as " + admin);
        browser.screenshot("dashboard");

        web.get(base + "/users");
        web.findElement(By.id("new-address")).sendKeys("walker@office.test");
        web.findElement(By.id("new-name")).sendKeys("Wendy Walker");
        web.findElement(By.id("new-password")).sendKeys("a long enough password");
        web.findElement(By.id("new-quota")).sendKeys("100M");
        web.findElement(By.cssSelector("form[action='/users'][method='post'] button")).click();
        assertThat(flash()).contains("Created user walker@office.test");
        assertThat(web.findElement(By.tagName("table")).getText()).contains("walker@office.test", "Wendy Walker", "100 MiB");
        browser.screenshot("users");

        web.findElement(By.linkText("walker@office.test")).click();
        var internal = awaitElement(By.id("internal"));
        assertThat(internal.isSelected()).isFalse();
        internal.click();
        new org.openqa.selenium.support.ui.Select(web.findElement(By.id("pop3"))).selectByValue("office");
        web.findElement(By.cssSelector("form[action$='walker%40office.test'] button")).click();
        assertThat(flash()).contains("Saved walker@office.test");
        assertThat(postroom.directory().findUser(MailAddress.parse("walker@office.test")).orElseThrow().internalOnly()).isTrue();
        assertThat(postroom.directory().findUser(MailAddress.parse("walker@office.test")).orElseThrow().pop3OfficeOnly()).isTrue();
        browser.screenshot("user");

        // A refused form shows its error in the page, not a bare error.
        web.get(base + "/users");
        web.findElement(By.id("new-address")).sendKeys("walker@office.test");
        web.findElement(By.id("new-password")).sendKeys("another password");
        web.findElement(By.cssSelector("form[action='/users'][method='post'] button")).click();
        assertThat(awaitElement(By.cssSelector("p.error")).getText()).contains("walker@office.test");
        assertThat(web.findElement(By.id("new-address"))).isNotNull();
    }

    @Test
    void theKeyboardAloneLogsInAndReachesTheUsers() throws Exception {
        web.manage().deleteAllCookies();
        web.get(base + "/login");
        Actions keys = new Actions(web);
        // Tab order: the skip link, the address, the password, the button.
        keys.sendKeys(Keys.TAB).perform();
        assertThat(active().getText()).isEqualTo("Skip to content");
        keys.sendKeys(Keys.TAB).sendKeys(admin.toString()).sendKeys(Keys.TAB).sendKeys(TestPostroom.PASSWORD).sendKeys(Keys.ENTER).perform();
        assertThat(flash()).contains("Signed in");
        // Tab to the navigation's "Users" and follow it with Enter.
        for (int i = 0; i < 20 && !"Users".equals(active().getText()); i++) keys.sendKeys(Keys.TAB).perform();
        assertThat(active().getText()).isEqualTo("Users");
        keys.sendKeys(Keys.ENTER).perform();
        awaitUrl(base + "/users");
        browser.screenshot("keyboard-users");
    }

    @Test
    void everyControlHasAnAccessibleName() {
        logIn();
        List<String> unnamed = new ArrayList<>();
        for (String page : List.of("/", "/users", "/users/" + admin.toString().replace("@", "%40"), "/aliases", "/groups", "/domains", "/account")) {
            web.get(base + page);
            for (WebElement e : web.findElements(By.cssSelector("input:not([type=hidden]), select, textarea, button"))) {
                String name = e.getAccessibleName();
                if (name == null || name.isBlank()) unnamed.add(page + ": " + e.getTagName() + " " + e.getDomAttribute("name"));
            }
            assertThat(web.findElements(By.tagName("h1"))).as(page).hasSize(1);
        }
        assertThat(unnamed).isEmpty();
    }

    static WebElement active() {
        return web.switchTo().activeElement();
    }
}
