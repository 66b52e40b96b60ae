package org.postroom.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.postroom.message.MailAddress;
import org.postroom.testing.Browser;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.ScriptedSmarthost;
import org.postroom.testing.TestPostroom;

/**
 * Issue 13's walk in a real browser: log in, create a user, send them a message over SMTP (Angus Mail), find it in
 * the trace, hold and release a queued message, test the smarthost (a scripted one that says "try later" to every
 * recipient, so mail stays queued), add a collector account against GreenMail and collect. Screenshots of each
 * page go to {@code target/screenshots/}.
 */
class ConsoleWalkBrowserTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    ScriptedSmarthost smarthost;
    GreenMail provider;
    com.icegreen.greenmail.user.GreenMailUser providerUser;
    TestPostroom postroom;
    Browser browser;
    WebDriver web;
    String base;

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
        web = browser.driver();
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.rcpt = to -> "451 4.3.0 try again later";
        smarthost = ScriptedSmarthost.start(script);
        provider = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        provider.start();
        providerUser = provider.setUser("office@provider.test", "office", "top-secret");
        postroom = TestPostroom.start(dir.resolve("data"), "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\ntls = \"none\"\n");
        MailAddress admin = postroom.addUser("boss");
        postroom.directory().setAdmin(admin, true);
        postroom.addUser("alice");
        base = "http://127.0.0.1:" + postroom.webPort();
        web.get(base + "/login");
        web.findElement(By.id("login")).sendKeys(admin.toString());
        web.findElement(By.id("password")).sendKeys(TestPostroom.PASSWORD);
        web.findElement(By.cssSelector("form[action='/login'] button")).click();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) browser.close();
        if (postroom != null) postroom.close();
        if (smarthost != null) smarthost.close();
        if (provider != null) provider.stop();
    }

    /** The next page's flash message: the click's navigation may still be under way, so wait for it. */
    String flash() {
        return await().atMost(WAIT).ignoreExceptions().until(() -> web.findElement(By.cssSelector("p.flash")).getText(), t -> !t.isEmpty());
    }

    void click(String css) {
        web.findElement(By.cssSelector(css)).click();
    }

    @Test
    void theAdministratorsWalk() throws Exception {
        // Create a user.
        web.get(base + "/users");
        web.findElement(By.id("new-address")).sendKeys("carol@office.test");
        web.findElement(By.id("new-password")).sendKeys("carol's long password");
        click("form[action='/users'][method='post'] button");
        assertThat(flash()).contains("Created user carol@office.test");

        // Send them a message over SMTP, and find it in the trace.
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(postroom.smtpPort()));
        props.put("mail.smtp.localhost", "client.office.test");
        MimeMessage mail = new MimeMessage(Session.getInstance(props));
        mail.setFrom(new InternetAddress("alice@office.test"));
        mail.setRecipients(Message.RecipientType.TO, "carol@office.test");
        mail.setSubject("Welcome, Carol");
        mail.setText("Hello from the walk.");
        Transport.send(mail);
        await().atMost(WAIT).until(() -> !postroom.delivered("carol").isEmpty());
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            postroom.trace().flush();
            web.get(base + "/trace?q=carol%40office.test");
            return !web.findElements(By.cssSelector("section.story")).isEmpty();
        });
        assertThat(web.findElement(By.cssSelector("section.story")).getText()).contains("carol@office.test");
        browser.screenshot("trace");

        // Hold and release a queued message (the smarthost says "try later").
        String id = queueOne();
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            web.get(base + "/queue");
            return web.findElement(By.tagName("table")).getText().contains(id);
        });
        browser.screenshot("queue");
        click("form[action='/queue/" + id + "/hold'] button");
        assertThat(flash()).containsIgnoringCase("held");
        await().atMost(WAIT).until(() -> postroom.outbound().queue().spool().read(id).orElseThrow().isHeld());
        web.get(base + "/queue/" + id);
        browser.screenshot("queue-message");
        click("form[action='/queue/" + id + "/release'] button");
        assertThat(flash()).containsIgnoringCase("release");
        await().atMost(WAIT).until(() -> !postroom.outbound().queue().spool().read(id).orElseThrow().isHeld());

        // Test the smarthost.
        web.get(base + "/queue");
        click("form[action='/queue/relay-test'] button");
        // The click starts a navigation: the queue page's <main> may still be there, and go stale, until the report is.
        await().atMost(WAIT).ignoreExceptions().until(() -> web.findElement(By.tagName("main")).getText().contains("EHLO"));
        String report = web.findElement(By.tagName("main")).getText();
        assertThat(report).contains("127.0.0.1:" + smarthost.port(), "EHLO");
        browser.screenshot("relay-test");

        // Add a collector account against GreenMail, and collect.
        providerUser.deliver(GreenMailUtil.createTextEmail("office@provider.test", "someone@example.net", "Collected", "from the provider",
                provider.getPop3().getServerSetup()));
        web.get(base + "/collector");
        web.findElement(By.id("acct-name")).sendKeys("provider");
        web.findElement(By.id("acct-host")).sendKeys("127.0.0.1");
        web.findElement(By.id("acct-port")).sendKeys(Integer.toString(provider.getPop3().getPort()));
        new org.openqa.selenium.support.ui.Select(web.findElement(By.id("acct-tls"))).selectByValue("none");
        web.findElement(By.id("acct-plain")).click();
        web.findElement(By.id("acct-login")).sendKeys("office");
        web.findElement(By.id("acct-password")).sendKeys("top-secret");
        new org.openqa.selenium.support.ui.Select(web.findElement(By.id("acct-mode"))).selectByValue("single-drop");
        web.findElement(By.id("acct-deliver")).sendKeys("carol@office.test");
        click("form[action='/collector'][method='post'] button[type=submit]");
        assertThat(flash()).contains("Added collector account provider");
        browser.screenshot("collector");
        web.get(base + "/collector/provider");
        click("form[action='/collector/provider/test'] button");
        assertThat(web.findElement(By.id("test-result")).getText()).contains("works");
        browser.screenshot("collector-test");
        click("form[action='/collector/provider/collect'] button");
        assertThat(flash()).isNotEmpty();
        await().atMost(WAIT).until(() -> postroom.delivered("carol").size() >= 2);
        web.get(base + "/collector/provider");
        browser.screenshot("collector-account");

        for (String page : new String[] {"/", "/aliases", "/groups", "/domains", "/settings", "/account"}) {
            web.get(base + page);
            assertThat(web.findElements(By.tagName("h1"))).hasSize(1);
            browser.screenshot(page.equals("/") ? "dashboard-walk" : page.substring(1));
        }
    }

    private String queueOne() throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<alice@office.test>");
            smtp.command("RCPT TO:<bob@example.com>");
            smtp.command("DATA");
            String reply = smtp.command("Subject: stays queued\r\n\r\nhello\r\n.");
            assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
            String id = reply.substring(reply.lastIndexOf(' ') + 1);
            await().atMost(WAIT).until(() -> postroom.outbound().queue().spool().read(id).map(e -> e.attempts()).orElse(0) >= 1);
            return id;
        }
    }
}
