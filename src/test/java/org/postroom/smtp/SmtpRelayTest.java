package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postroom.message.MailAddress;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;
import org.postroom.testing.Transcript;

/**
 * Never an open relay: what a client outside the trusted networks may and may not send to, including the old
 * routing tricks ({@code %}, {@code !}, quoted {@code @}, source routes, a trailing dot); what trusted and
 * logged-in senders get for outside recipients; internal-only users, lists for local senders only, and the
 * submission door's AUTH and sender rules.
 */
class SmtpRelayTest {
    /** The fixture binds 127.0.0.1, which the default trusted_networks covers: take that trust away. */
    private static final String UNTRUSTED = """
            [smtp]
            port = 0
            submission_port = 0
            submissions_port = 0
            trusted_networks = []
            """;

    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    private void start(String toml) {
        postroom = TestPostroom.start(dir, toml);
        postroom.addUser("alice");
        postroom.addUser("bob");
    }

    private static String authPlain(String user) {
        return "AUTH PLAIN " + RawSmtp.plain(user + "@office.test", TestPostroom.PASSWORD);
    }

    @Test
    void anOutsideRecipientFromAnUntrustedClientIsRelayDenied() throws Exception {
        start(UNTRUSTED);
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: EHLO stranger.example
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250 HELP
                C: MAIL FROM:<spammer@stranger.example>
                S: 250 2.1.0 .*
                C: RCPT TO:<x@elsewhere.example>
                S: 550 5.7.1 .*
                C: RCPT TO:<alice@office.test>
                S: 250 2.1.5 .*
                C: QUIT
                S: 221 2.0.0 .*
                """);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            <alice%elsewhere.example@office.test>              | 550 5.1.1
            <"alice@elsewhere.example"@office.test>            | 550 5.1.1
            <elsewhere.example!alice@office.test>              | 550 5.1.1
            <@office.test:alice@elsewhere.example>             | 550 5.7.1
            <@office.test,@mx.office.test:x@elsewhere.example> | 550 5.7.1
            <alice@elsewhere.example@office.test>              | 553 5.1.3
            <alice@office.test.>                               | 553 5.1.3
            <alice@[127.0.0.1]>                                | 550 5.7.1
            <alice@office.test.elsewhere.example>              | 550 5.7.1
            """)
    void routingTricksFromAnUntrustedClientAreNeverRelayed(String path, String expected) throws Exception {
        start(UNTRUSTED);
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            assertThat(smtp.reply()).startsWith("220 ");
            assertThat(smtp.command("EHLO stranger.example")).startsWith("250-");
            assertThat(smtp.command("MAIL FROM:<spammer@stranger.example>")).startsWith("250 2.1.0");
            assertThat(smtp.command("RCPT TO:" + path)).startsWith(expected + " ");
            // Nothing was accepted, so there is nothing to send.
            assertThat(smtp.command("DATA")).startsWith("554 5.5.1");
        }
        assertThat(postroom.delivered("alice")).isEmpty();
    }

    @Test
    void aRealUserIsFoundInAnyLetterCaseAndWhenQuoted() throws Exception {
        start(UNTRUSTED);
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: HELO stranger.example
                S: 250 .*
                C: MAIL FROM:<someone@stranger.example>
                S: 250 2.1.0 .*
                C: RCPT TO:<ALICE@Office.Test>
                S: 250 2.1.5 .*
                C: RCPT TO:<"bob"@office.test>
                S: 250 2.1.5 .*
                C: DATA
                S: 354 .*
                C: Subject: hi
                C:
                C: hello
                C: .
                S: 250 2.0.0 .*
                C: QUIT
                S: 221 .*
                """);
        assertThat(postroom.delivered("alice")).hasSize(1);
        assertThat(postroom.delivered("bob")).hasSize(1);
    }

    @Test
    void anUnknownLocalUserIsRefused() throws Exception {
        start(UNTRUSTED);
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: HELO stranger.example
                S: 250 .*
                C: MAIL FROM:<someone@stranger.example>
                S: 250 2.1.0 .*
                C: RCPT TO:<nobody@office.test>
                S: 550 5.1.1 .*
                C: RCPT TO:<alice+news@office.test>
                S: 250 2.1.5 .*
                """);
    }

    @Test
    void aTrustedClientGetsATemporaryRefusalForOutsideRecipientsWhileNoRelayIsConfigured() throws Exception {
        start(""); // the fixture's defaults: 127.0.0.0/8 is trusted
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: HELO printer.office.test
                S: 250 .*
                C: MAIL FROM:<printer@office.test>
                S: 250 2.1.0 .*
                C: RCPT TO:<x@elsewhere.example>
                S: 451 4.3.5 .*
                """);
    }

    @Test
    void aLoggedInClientGetsATemporaryRefusalForOutsideRecipientsWhileNoRelayIsConfigured() throws Exception {
        start(UNTRUSTED);
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: HELO laptop.example
                S: 250 .*
                C: MAIL FROM:<alice@office.test>
                S: 250 2.1.0 .*
                C: RCPT TO:<x@elsewhere.example>
                S: 550 5.7.1 .*
                C: RSET
                S: 250 .*
                C: EHLO laptop.example
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250 HELP
                C: %s
                S: 235 2.7.0 .*
                C: MAIL FROM:<alice@office.test>
                S: 250 2.1.0 .*
                C: RCPT TO:<x@elsewhere.example>
                S: 451 4.3.5 .*
                """.formatted(authPlain("alice")));
    }

    @Test
    void anInternalOnlyUserOnATrustedNetworkMayMailOnlyInside() throws Exception {
        start("");
        MailAddress intern = postroom.addUser("intern");
        postroom.directory().setInternalOnly(intern, true);
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: HELO desk.office.test
                S: 250 .*
                C: MAIL FROM:<intern@office.test>
                S: 250 2.1.0 .*
                C: RCPT TO:<x@elsewhere.example>
                S: 550 5.7.1 .*
                C: RCPT TO:<alice@office.test>
                S: 250 2.1.5 .*
                C: DATA
                S: 354 .*
                C: Subject: inside only
                C:
                C: hi
                C: .
                S: 250 2.0.0 .*
                C: MAIL FROM:<bob@office.test>
                S: 250 2.1.0 .*
                C: RCPT TO:<x@elsewhere.example>
                S: 451 4.3.5 .*
                """);
        assertThat(postroom.delivered("alice")).hasSize(1);
    }

    @Test
    void anInternalOnlyUserWhoLoggedInMayNotMailOutsideWhateverTheSender() throws Exception {
        start(UNTRUSTED);
        MailAddress intern = postroom.addUser("intern");
        postroom.directory().setInternalOnly(intern, true);
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: EHLO laptop.example
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250 HELP
                C: %s
                S: 235 2.7.0 .*
                C: MAIL FROM:<someone-else@elsewhere.example>
                S: 250 2.1.0 .*
                C: RCPT TO:<x@elsewhere.example>
                S: 550 5.7.1 .*
                C: RCPT TO:<bob@office.test>
                S: 250 2.1.5 .*
                """.formatted(authPlain("intern")));
    }

    @Test
    void aListForLocalSendersOnlyRefusesAnUntrustedAnonymousSenderEvenWithALocalMailFrom() throws Exception {
        start(UNTRUSTED);
        MailAddress staff = new MailAddress("staff", TestPostroom.DOMAIN);
        postroom.directory().addGroup(staff, true);
        postroom.directory().addMember(staff, new MailAddress("alice", TestPostroom.DOMAIN));
        Transcript.run(postroom.smtpPort(), """
                S: 220 .*
                C: EHLO stranger.example
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250 HELP
                C: MAIL FROM:<bob@office.test>
                S: 250 2.1.0 .*
                C: RCPT TO:<staff@office.test>
                S: 550 5.7.1 .*
                C: RSET
                S: 250 .*
                C: %s
                S: 235 2.7.0 .*
                C: MAIL FROM:<bob@office.test>
                S: 250 2.1.0 .*
                C: RCPT TO:<staff@office.test>
                S: 250 2.1.5 .*
                C: DATA
                S: 354 .*
                C: Subject: to the list
                C:
                C: hi
                C: .
                S: 250 2.0.0 .*
                """.formatted(authPlain("bob")));
        assertThat(postroom.delivered("alice")).hasSize(1);
    }

    @Test
    void submissionRequiresAuthBeforeMail() throws Exception {
        start("");
        Transcript.run(postroom.port(SmtpDoor.SUBMISSION), """
                S: 220 .*
                C: HELO laptop.office.test
                S: 250 .*
                C: MAIL FROM:<alice@office.test>
                S: 530 5.7.0 .*
                """);
    }

    @Test
    void submissionWithoutPlaintextLoginsRequiresTlsFirst() throws Exception {
        start("[auth]\nplaintext_from_loopback = false\nfailure_delay = \"0s\"\n");
        Transcript.run(postroom.port(SmtpDoor.SUBMISSION), """
                S: 220 .*
                C: EHLO laptop.office.test
                S: 250-.*
                S: 250-PIPELINING
                S: 250-SIZE \\d+
                S: 250-8BITMIME
                S: 250-SMTPUTF8
                S: 250-ENHANCEDSTATUSCODES
                S: 250-CHUNKING
                S: 250-STARTTLS
                S: 250 HELP
                C: MAIL FROM:<alice@office.test>
                S: 530 5.7.0 .*
                C: %s
                S: 538 5.7.11 .*
                """.formatted(authPlain("alice")));
    }

    @Test
    void submissionRequiresTheSenderToBeTheLoggedInUser() throws Exception {
        start("");
        MailAddress team = new MailAddress("team", TestPostroom.DOMAIN);
        postroom.directory().addGroup(team, false);
        postroom.directory().addMember(team, new MailAddress("alice", TestPostroom.DOMAIN));
        Transcript.run(postroom.port(SmtpDoor.SUBMISSION), """
                S: 220 .*
                C: EHLO laptop.office.test
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250-.*
                S: 250 HELP
                C: %s
                S: 235 2.7.0 .*
                C: MAIL FROM:<bob@office.test>
                S: 553 5.7.1 .*
                C: MAIL FROM:<someone@elsewhere.example>
                S: 553 5.7.1 .*
                C: MAIL FROM:<team@office.test>
                S: 553 5.7.1 .*
                C: MAIL FROM:<alice+tag@office.test>
                S: 250 2.1.0 .*
                C: RSET
                S: 250 .*
                C: MAIL FROM:<Alice@Office.Test>
                S: 250 2.1.0 .*
                C: RCPT TO:<bob@office.test>
                S: 250 2.1.5 .*
                C: RSET
                S: 250 .*
                C: MAIL FROM:<>
                S: 250 2.1.0 .*
                """.formatted(authPlain("alice")));
    }
}
