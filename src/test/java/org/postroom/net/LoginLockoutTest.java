package org.postroom.net;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawPop3;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;
import org.slf4j.LoggerFactory;

/**
 * Issue 10, item 10: failed logins count per login and per client address; a success clears only its own login;
 * the same wrong password tried again with another mechanism counts once; from the office networks only the login
 * is locked. Every refused login is logged without the password.
 */
class LoginLockoutTest {
    /** Loopback (the tests' client) outside the office networks. */
    private static final String OUTSIDE = "[pop3]\nport = 0\ntls_port = 0\noffice_networks = [\"10.0.0.0/8\"]\n";
    private static final String THREE = "[auth]\nmax_failures = 3\nfailure_delay = \"0s\"\nlockout = \"5m\"\n";

    @TempDir
    Path dir;
    TestPostroom postroom;
    private final Logger authLog = (Logger) LoggerFactory.getLogger("postroom.auth");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        authLog.addAppender(logged);
    }

    @AfterEach
    void stop() {
        authLog.detachAppender(logged);
        if (postroom != null) postroom.close();
    }

    private void start(String toml) {
        postroom = TestPostroom.start(dir, toml);
        postroom.addUser("alice");
        postroom.addUser("bob");
    }

    private String auth(RawSmtp smtp, String login, String password) throws IOException {
        return smtp.command("AUTH PLAIN " + RawSmtp.plain(login, password));
    }

    private RawSmtp session() throws IOException {
        RawSmtp smtp = RawSmtp.connect(postroom.smtpPort());
        smtp.reply();
        smtp.command("EHLO client.example");
        return smtp;
    }

    @Test
    void fromTheOfficeOneColleaguesTyposLockOnlyTheirLogin() throws Exception {
        start(THREE); // loopback is in the default office networks
        try (RawSmtp smtp = session()) {
            for (int i = 0; i < 3; i++) assertThat(auth(smtp, "bob@office.test", "typo " + i)).startsWith("535 5.7.8 ");
            // bob is locked, even with the right password, and the session goes on ...
            assertThat(auth(smtp, "bob@office.test", TestPostroom.PASSWORD)).isEqualTo("454 4.7.0 Too many failed logins for this account, try again later");
            // ... and alice, behind the same address, is not.
            assertThat(auth(smtp, "alice@office.test", TestPostroom.PASSWORD)).startsWith("235 2.7.0 ");
        }
        assertThat(RawPop3.login(postroom.pop3Port(), "alice", TestPostroom.PASSWORD)).isNotNull();
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.line();
            pop.command("USER bob");
            assertThat(pop.command("PASS " + TestPostroom.PASSWORD)).isEqualTo("-ERR [LOGIN-DELAY] Too many failed logins for this account, try again later");
        }
    }

    @Test
    void aSuccessClearsOnlyItsOwnLoginNotTheAddress() throws Exception {
        start(THREE + OUTSIDE);
        try (RawSmtp smtp = session()) {
            assertThat(auth(smtp, "bob@office.test", "guess 1")).startsWith("535 ");
            assertThat(auth(smtp, "bob@office.test", "guess 2")).startsWith("535 ");
        }
        // alice knows her own password; that must not wipe the guesses at bob's.
        try (RawSmtp smtp = session()) {
            assertThat(auth(smtp, "alice@office.test", TestPostroom.PASSWORD)).startsWith("235 ");
        }
        try (RawSmtp smtp = session()) {
            assertThat(auth(smtp, "bob@office.test", "guess 3")).startsWith("535 ");
            assertThat(auth(smtp, "bob@office.test", TestPostroom.PASSWORD)).startsWith("421 4.7.0 ");
        }
    }

    @Test
    void theSamePasswordRetriedWithAnotherMechanismCountsOnce() throws Exception {
        start(THREE + OUTSIDE);
        for (int session = 0; session < 2; session++) {
            try (RawSmtp smtp = session()) {
                assertThat(auth(smtp, "bob@office.test", "wrong")).startsWith("535 ");
                assertThat(smtp.command("AUTH LOGIN")).startsWith("334 ");
                assertThat(smtp.command(base64("bob@office.test"))).startsWith("334 ");
                assertThat(smtp.command(base64("wrong"))).startsWith("535 ");
            }
        }
        // Two sessions, four refusals, two failures counted: bob may still log in.
        try (RawSmtp smtp = session()) {
            assertThat(auth(smtp, "bob@office.test", TestPostroom.PASSWORD)).startsWith("235 ");
        }
    }

    @Test
    void pythonSmtplibTryingPlainThenLoginCountsOnce() throws Exception {
        Assumptions.assumeTrue(python(), "python3 is missing: smtplib's retry is not tested (apt-get install python3)");
        start("[auth]\nmax_failures = 2\nfailure_delay = \"0s\"\nlockout = \"5m\"\n");
        assertThat(smtplibLogin("bob@office.test", "wrong")).isEqualTo("refused 535");
        assertThat(logged.list.stream().filter(e -> e.getFormattedMessage().contains("login bob@office.test mechanism"))
                .map(e -> e.getFormattedMessage().replaceAll(".*mechanism (\\w+).*", "$1")).toList())
                .as("smtplib tried both mechanisms").containsExactly("PLAIN", "LOGIN");
        assertThat(smtplibLogin("bob@office.test", TestPostroom.PASSWORD)).isEqualTo("ok");
    }

    @Test
    void everyRefusedLoginIsLoggedWithoutThePassword() throws Exception {
        start(THREE);
        try (RawSmtp smtp = session()) {
            assertThat(auth(smtp, "bob@office.test", "s3cret-guess")).startsWith("535 ");
        }
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.line();
            pop.command("USER alice");
            pop.command("PASS s3cret-guess2");
        }
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).matches("smtp-\\w+ login refused: client \\[127\\.0\\.0\\.1\\] login bob@office\\.test"
                        + " mechanism PLAIN reply \"535 5\\.7\\.8 Authentication credentials invalid\""))
                .anySatisfy(line -> assertThat(line).matches("pop3-\\w+ login refused: client \\[127\\.0\\.0\\.1\\] login alice"
                        + " mechanism USER/PASS reply \"-ERR \\[AUTH\\] Authentication failed\""))
                .noneSatisfy(line -> assertThat(line).contains("s3cret"));
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Python's smtplib logs in as a user would; prints "ok", or "refused CODE". */
    private String smtplibLogin(String user, String password) throws Exception {
        String script = """
                import smtplib, sys
                s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=20)
                s.ehlo("client.example")
                try:
                    s.login(sys.argv[2], sys.argv[3])
                    print("ok")
                except smtplib.SMTPAuthenticationError as e:
                    print("refused", e.smtp_code)
                s.quit()
                """;
        Process p = new ProcessBuilder("python3", "-c", script, String.valueOf(postroom.smtpPort()), user, password)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private static boolean python() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import smtplib").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
