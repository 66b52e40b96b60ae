package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * The order of commands, from {@link SmtpState}'s one table: what each state refuses and with which 503, and
 * how EHLO, MAIL, the end of data, RSET and STARTTLS move between the states.
 */
class SmtpStateTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    @Test
    void theTableSaysWhatMustComeFirst() {
        assertThat(SmtpState.INITIAL.refusal(SmtpVerb.MAIL)).isEqualTo(Replies.C503_NEED_EHLO);
        assertThat(SmtpState.INITIAL.refusal(SmtpVerb.AUTH)).isEqualTo(Replies.C503_NEED_EHLO);
        assertThat(SmtpState.INITIAL.refusal(SmtpVerb.RCPT)).isEqualTo(Replies.C503_NEED_MAIL);
        assertThat(SmtpState.GREETED.refusal(SmtpVerb.DATA)).isEqualTo(Replies.C503_NEED_MAIL);
        assertThat(SmtpState.GREETED.refusal(SmtpVerb.BDAT)).isEqualTo(Replies.C503_NEED_MAIL);
        assertThat(SmtpState.GREETED.refusal(SmtpVerb.MAIL)).isNull();
        assertThat(SmtpState.TRANSACTION.refusal(SmtpVerb.MAIL)).isEqualTo(Replies.C503_NESTED_MAIL);
        assertThat(SmtpState.TRANSACTION.refusal(SmtpVerb.AUTH)).isEqualTo(Replies.C503_AUTH_IN_TRANSACTION);
        // RFC 5321 4.1.4: these may come at any time.
        for (SmtpState state : SmtpState.values()) {
            for (SmtpVerb verb : new SmtpVerb[] {SmtpVerb.EHLO, SmtpVerb.HELO, SmtpVerb.RSET, SmtpVerb.NOOP, SmtpVerb.QUIT, SmtpVerb.HELP,
                    SmtpVerb.VRFY, SmtpVerb.STARTTLS}) {
                assertThat(state.refusal(verb)).as(state + " " + verb).isNull();
            }
        }
    }

    @Test
    void aSessionMovesThroughTheStates() throws Exception {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            assertThat(smtp.reply()).startsWith("220 ");
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).isEqualTo("503 5.5.1 Send EHLO or HELO first");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).isEqualTo("503 5.5.1 Send MAIL first");
            assertThat(smtp.command("EHLO client.example")).startsWith("250-");
            // A refused BDAT still has its chunk read, so the session stays in step.
            smtp.send("BDAT 5 LAST\r\nhello");
            assertThat(smtp.reply()).isEqualTo("503 5.5.1 Send MAIL first");
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).isEqualTo("503 5.5.1 Sender already given");
            assertThat(smtp.command("AUTH PLAIN " + RawSmtp.plain("alice", TestPostroom.PASSWORD)))
                    .isEqualTo("503 5.5.1 AUTH is not allowed during a mail transaction");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
            assertThat(smtp.command("DATA")).startsWith("354 ");
            assertThat(smtp.command("Subject: one\r\n\r\nbody\r\n.")).startsWith("250 2.0.0 ");
            // The end of the message ends the transaction: RCPT needs a new MAIL.
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).isEqualTo("503 5.5.1 Send MAIL first");
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
            assertThat(smtp.command("RSET")).startsWith("250 ");
            assertThat(smtp.command("DATA")).isEqualTo("503 5.5.1 Send MAIL first");
            // STARTTLS starts the dialogue over (RFC 3207 4.2).
            assertThat(smtp.command("STARTTLS")).startsWith("220 ");
            smtp.startTls();
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).isEqualTo("503 5.5.1 Send EHLO or HELO first");
            assertThat(smtp.command("NOOP")).startsWith("250 ");
        }
    }
}
