package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;
import org.slf4j.LoggerFactory;

/**
 * Issue 10 item 6: every refusal leaves a line on {@code postroom.mail} with the session, the client, the addresses
 * and the reply sent; accepted mail's line carries the Message-ID. Through real SMTP sessions, the log captured.
 */
class SmtpRefusalLogTest {
    private static final String UNTRUSTED = "[smtp]\nport = 0\nsubmission_port = 0\nsubmissions_port = 0\ntrusted_networks = []\n";

    @TempDir
    Path dir;
    TestPostroom postroom;
    final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    final Logger mailLog = (Logger) LoggerFactory.getLogger("postroom.mail");

    @BeforeEach
    void capture() {
        appender.start();
        mailLog.addAppender(appender);
    }

    @AfterEach
    void stop() {
        mailLog.detachAppender(appender);
        if (postroom != null) postroom.close();
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private String refusalFor(String to) {
        return lines().stream().filter(l -> l.contains(" to=<" + to + ">") && l.contains("refused:")).findFirst()
                .orElseThrow(() -> new AssertionError("no refusal logged for " + to + " in " + lines()));
    }

    private void start(String toml) {
        postroom = TestPostroom.start(dir, toml);
        postroom.addUser("alice");
        postroom.addUser("bob");
    }

    @Test
    void eachRecipientRefusalIsLoggedWithSessionClientAddressesAndReply() throws Exception {
        start(UNTRUSTED);
        MailAddress intern = postroom.addUser("intern");
        postroom.directory().setInternalOnly(intern, true);
        MailAddress full = postroom.addUser("full");
        postroom.directory().setQuota(full, 10);
        postroom.deliver("full", "Subject: old\r\n\r\nfills the mailbox\r\n");
        MailAddress staff = new MailAddress("staff", TestPostroom.DOMAIN);
        postroom.directory().addGroup(staff, true, List.of(new MailAddress("alice", TestPostroom.DOMAIN)));
        postroom.directory().setEnabled(new MailAddress("bob", TestPostroom.DOMAIN), false);
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO stranger.example");
            smtp.command("MAIL FROM:<someone@elsewhere.example>");
            assertThat(smtp.command("RCPT TO:<nobody@office.test>")).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<x@elsewhere.example>")).startsWith("550 5.7.1");
            assertThat(smtp.command("RCPT TO:<intern@office.test>")).startsWith("550 5.7.1");
            assertThat(smtp.command("RCPT TO:<staff@office.test>")).startsWith("550 5.7.1");
            assertThat(smtp.command("RCPT TO:<full@office.test>")).startsWith("452 4.2.2");
            assertThat(smtp.command("RCPT TO:<bob@office.test>")).startsWith("550 5.2.1");
        }
        assertThat(refusalFor("nobody@office.test")).matches("session=\\S+ client=stranger\\.example\\[127\\.0\\.0\\.1] "
                + "from=<someone@elsewhere\\.example> to=<nobody@office\\.test> refused: 550 5\\.1\\.1 No such user here");
        assertThat(refusalFor("x@elsewhere.example")).endsWith("refused: 550 5.7.1 Relay access denied");
        assertThat(refusalFor("intern@office.test")).contains("550 5.7.1 This recipient accepts mail only from senders inside the office");
        assertThat(refusalFor("staff@office.test")).contains("550 5.7.1 This list accepts mail only from senders inside the office");
        assertThat(refusalFor("full@office.test")).contains("452 4.2.2 Mailbox full");
        assertThat(refusalFor("bob@office.test")).contains("550 5.2.1 Mailbox disabled");
    }

    @Test
    void internalOnlySenderAndMissingSmarthostAreLogged() throws Exception {
        start(""); // loopback is trusted: may relay, but there is no smarthost
        MailAddress intern = postroom.addUser("intern");
        postroom.directory().setInternalOnly(intern, true);
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO desk.office.test");
            smtp.command("MAIL FROM:<intern@office.test>");
            assertThat(smtp.command("RCPT TO:<out@elsewhere.example>")).startsWith("550 5.7.1");
            smtp.command("RSET");
            smtp.command("MAIL FROM:<alice@office.test>");
            assertThat(smtp.command("RCPT TO:<far@elsewhere.example>")).startsWith("451 4.3.5");
        }
        assertThat(refusalFor("out@elsewhere.example")).contains("from=<intern@office.test>")
                .contains("550 5.7.1 You may send only to recipients inside the office");
        assertThat(refusalFor("far@elsewhere.example")).contains("from=<alice@office.test>").contains("451 4.3.5");
    }

    @Test
    void aSenderMismatchOnSubmissionIsLoggedWithTheLogin() throws Exception {
        start("");
        try (RawSmtp smtp = RawSmtp.connect(postroom.port(SmtpDoor.SUBMISSION))) {
            smtp.reply();
            smtp.command("EHLO laptop.example");
            assertThat(smtp.command("AUTH PLAIN " + RawSmtp.plain("alice@office.test", TestPostroom.PASSWORD))).startsWith("235");
            assertThat(smtp.command("MAIL FROM:<bob@office.test>")).startsWith("553 5.7.1");
        }
        String line = lines().stream().filter(l -> l.contains("refused: 553")).findFirst().orElseThrow();
        assertThat(line).contains("client=laptop.example[127.0.0.1]").contains("auth=alice@office.test").contains("from=<bob@office.test>")
                .contains("553 5.7.1 Sender address is not one of your addresses").doesNotContain(" to=");
    }

    @Test
    void aLoopingMessageIsLoggedAtTheEndOfData() throws Exception {
        start("");
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO relay.example");
            smtp.command("MAIL FROM:<loop@elsewhere.example>");
            smtp.command("RCPT TO:<alice@office.test>");
            smtp.command("DATA");
            assertThat(smtp.command("Received: from a by b; Mon, 1 Jan 2026 00:00:00 +0000\r\n".repeat(60) + "Subject: loop\r\n\r\nx\r\n."))
                    .startsWith("554 5.4.6");
        }
        assertThat(lines()).anyMatch(l -> l.contains("session=") && l.contains("client=relay.example[127.0.0.1]")
                && l.contains("from=<loop@elsewhere.example>") && l.contains("refused: 554 5.4.6"));
    }

    @Test
    void acceptedMailIsLoggedWithItsMessageId() throws Exception {
        start("");
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO desk.office.test");
            smtp.command("MAIL FROM:<bob@office.test>");
            smtp.command("RCPT TO:<alice@office.test>");
            smtp.command("DATA");
            assertThat(smtp.command("Message-ID: <lunch.42@office.test>\r\nSubject: lunch\r\n\r\nnoon?\r\n.")).startsWith("250");
        }
        assertThat(lines()).anyMatch(l -> l.startsWith("id=") && l.contains("message-id=<lunch.42@office.test>")
                && l.contains("to=<alice@office.test> delivered=alice@office.test"));
    }
}
