package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * A full mailbox is refused at RCPT: 452 4.2.2 by default (the sender retries), 552 5.2.2 when
 * {@code [delivery] quota_exceeded = "permanent"}; a SIZE announced in MAIL counts against the room left.
 */
class SmtpQuotaTest {
    @TempDir
    Path dir;
    TestPostroom postroom;
    MailAddress alice;

    @AfterEach
    void stop() {
        postroom.close();
    }

    private void start(String toml) {
        postroom = TestPostroom.start(dir, toml);
        alice = postroom.addUser("alice");
        postroom.addUser("bob");
    }

    private RawSmtp session() throws Exception {
        RawSmtp smtp = RawSmtp.connect(postroom.smtpPort());
        assertThat(smtp.reply()).startsWith("220 ");
        assertThat(smtp.command("EHLO client.example")).startsWith("250-");
        return smtp;
    }

    /** Delivers one message of a few hundred octets to alice. */
    private void deliverToAlice() throws Exception {
        try (RawSmtp smtp = session()) {
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
            assertThat(smtp.command("DATA")).startsWith("354 ");
            assertThat(smtp.command("Subject: filler\r\n\r\n" + "x".repeat(200) + "\r\n.")).startsWith("250 2.0.0 ");
        }
        assertThat(postroom.delivered("alice")).hasSize(1);
    }

    @Test
    void aFullMailboxIsATemporaryRefusalByDefault() throws Exception {
        start("");
        deliverToAlice();
        postroom.directory().setQuota(alice, 100);
        try (RawSmtp smtp = session()) {
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("452 4.2.2 ");
            assertThat(smtp.command("RCPT TO:<alice+tag@office.test>")).startsWith("452 4.2.2 ");
            assertThat(smtp.command("RCPT TO:<bob@office.test>")).startsWith("250 2.1.5 ");
        }
    }

    @Test
    void aFullMailboxIsAPermanentRefusalWhenSoConfigured() throws Exception {
        start("[delivery]\nquota_exceeded = \"permanent\"\n");
        deliverToAlice();
        postroom.directory().setQuota(alice, 100);
        try (RawSmtp smtp = session()) {
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("552 5.2.2 ");
        }
    }

    @Test
    void theAnnouncedSizeMustFitInTheRoomLeft() throws Exception {
        start("");
        deliverToAlice();
        long used = postroom.delivered("alice").stream().mapToLong(p -> p.toFile().length()).sum();
        postroom.directory().setQuota(alice, used + 1000);
        try (RawSmtp smtp = session()) {
            assertThat(smtp.command("MAIL FROM:<bob@example.com> SIZE=5000")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("452 4.2.2 ");
            assertThat(smtp.command("RSET")).startsWith("250 ");
            assertThat(smtp.command("MAIL FROM:<bob@example.com> SIZE=900")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
        }
    }

    /** docs/quirks.md: a list still reaches a member whose mailbox is full. */
    @Test
    void aListStillReachesAMemberWhoseMailboxIsFull() throws Exception {
        start("");
        deliverToAlice();
        postroom.directory().setQuota(alice, 100);
        MailAddress team = new MailAddress("team", TestPostroom.DOMAIN);
        postroom.directory().addGroup(team, false);
        postroom.directory().addMembers(team, java.util.List.of(alice, new MailAddress("bob", TestPostroom.DOMAIN)));
        try (RawSmtp smtp = session()) {
            assertThat(smtp.command("MAIL FROM:<carol@example.com>")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("RCPT TO:<team@office.test>")).startsWith("250 2.1.5 ");
            assertThat(smtp.command("DATA")).startsWith("354 ");
            assertThat(smtp.command("Subject: team news\r\n\r\nhi all\r\n.")).startsWith("250 2.0.0 ");
        }
        assertThat(postroom.delivered("alice")).hasSize(2);
        assertThat(postroom.delivered("bob")).hasSize(1);
    }
}
