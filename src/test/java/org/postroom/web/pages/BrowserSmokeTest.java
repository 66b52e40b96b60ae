package org.postroom.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.postroom.message.MailAddress;
import org.postroom.testing.Browser;
import org.postroom.testing.TestPostroom;

class BrowserSmokeTest {
    @TempDir
    Path dir;

    @Test
    void logsIn() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir.resolve("data")); Browser browser = Browser.start()) {
            MailAddress admin = postroom.addUser("boss");
            postroom.directory().setAdmin(admin, true);
            var web = browser.driver();
            String base = "http://127.0.0.1:" + postroom.webPort();
            web.get(base + "/");
            assertThat(web.getCurrentUrl()).isEqualTo(base + "/login");
            web.findElement(By.id("login")).sendKeys(admin.toString());
            web.findElement(By.id("password")).sendKeys(TestPostroom.PASSWORD);
            web.findElement(By.cssSelector("form[action='/login'] button")).click();
            assertThat(web.getCurrentUrl()).isEqualTo(base + "/");
            assertThat(web.findElement(By.cssSelector("p.flash")).getText()).contains("Signed in");
            browser.screenshot("smoke-dashboard");
            web.get(base + "/");
            assertThat(web.findElements(By.cssSelector("p.flash"))).isEmpty();
        }
    }
}
