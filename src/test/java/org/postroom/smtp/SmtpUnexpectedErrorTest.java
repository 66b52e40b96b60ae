package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.BrokenDatabase;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;
import org.slf4j.LoggerFactory;

/**
 * Issue 10, item 7: a command that fails inside Postroom (here the database, broken for real) is answered
 * {@code 451 4.3.0}, logged with the session id, and the session goes on: once the database is back, the same
 * command succeeds on the same connection.
 */
class SmtpUnexpectedErrorTest {
    @TempDir
    Path dir;
    TestPostroom postroom;
    private final Logger sessionLog = (Logger) LoggerFactory.getLogger("org.postroom.smtp.server.SmtpSession");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void start() {
        logged.start();
        sessionLog.addAppender(logged);
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
    }

    @AfterEach
    void stop() {
        sessionLog.detachAppender(logged);
        postroom.close();
    }

    @Test
    void rcptWithTheDatabaseDownGets451AndTheSessionGoesOn() throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.example");
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
            try (BrokenDatabase _ = BrokenDatabase.breakIn(postroom.dataDir())) {
                assertThat(smtp.command("RCPT TO:<alice@office.test>")).isEqualTo("451 4.3.0 Local error in processing, try again later");
                assertThat(smtp.command("NOOP")).startsWith("250 ");
            }
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
            assertThat(smtp.command("DATA")).startsWith("354 ");
            assertThat(smtp.command("Subject: after the fault\r\n\r\nstill here\r\n.")).startsWith("250 2.0.0 ");
        }
        assertThat(postroom.delivered("alice")).hasSize(1);
        assertThat(logged.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).matches("smtp-\\w+ RCPT failed; answered 451: .*"));
    }

    @Test
    void authWithTheDatabaseDownGets451AndTheSessionGoesOn() throws Exception {
        String login = "AUTH PLAIN " + RawSmtp.plain("alice@office.test", TestPostroom.PASSWORD);
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.example");
            try (BrokenDatabase _ = BrokenDatabase.breakIn(postroom.dataDir())) {
                assertThat(smtp.command(login)).isEqualTo("451 4.3.0 Local error in processing, try again later");
            }
            assertThat(smtp.command(login)).startsWith("235 2.7.0 ");
        }
        assertThat(logged.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).matches("smtp-\\w+ AUTH failed; answered 451: .*"));
    }
}
