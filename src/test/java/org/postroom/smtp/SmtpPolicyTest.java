package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.ScriptedSmarthost;
import org.postroom.testing.TestPostroom;

/**
 * Issue 10: internal-only means no mail to or from outside the office (item 4), and {@code [addresses]
 * unknown_local = "relay"} sends a local address nobody takes out through the smarthost, for senders who may relay
 * (the seed's missing rule). Over real SMTP sessions.
 */
class SmtpPolicyTest {
    private static final String UNTRUSTED = "[smtp]\nport = 0\nsubmission_port = 0\nsubmissions_port = 0\ntrusted_networks = []\n";

    @TempDir
    Path dir;
    TestPostroom postroom;
    ScriptedSmarthost smarthost;

    @AfterEach
    void stop() throws Exception {
        if (postroom != null) postroom.close();
        if (smarthost != null) smarthost.close();
    }

    private static String send(RawSmtp smtp, String from, String to) throws Exception {
        smtp.reply();
        smtp.command("EHLO client.example");
        assertThat(smtp.command("MAIL FROM:<" + from + ">")).startsWith("250");
        return smtp.command("RCPT TO:<" + to + ">");
    }

    @Test
    void anInternalOnlyUserGetsNoMailFromAnOutsideSender() throws Exception {
        postroom = TestPostroom.start(dir, UNTRUSTED);
        MailAddress intern = postroom.addUser("intern");
        postroom.addUser("alice");
        postroom.directory().setInternalOnly(intern, true);
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            assertThat(send(smtp, "stranger@elsewhere.example", "intern@office.test"))
                    .isEqualTo("550 5.7.1 This recipient accepts mail only from senders inside the office");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5");
        }
    }

    @Test
    void anInternalOnlyUserGetsMailFromColleagues() throws Exception {
        postroom = TestPostroom.start(dir, UNTRUSTED);
        MailAddress intern = postroom.addUser("intern");
        postroom.addUser("alice");
        postroom.directory().setInternalOnly(intern, true);
        try (RawSmtp smtp = RawSmtp.connect(postroom.port(SmtpDoor.SUBMISSION))) {
            smtp.reply();
            smtp.command("EHLO desk.office.test");
            assertThat(smtp.command("AUTH PLAIN " + RawSmtp.plain("alice@office.test", TestPostroom.PASSWORD))).startsWith("235");
            assertThat(smtp.command("MAIL FROM:<alice@office.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<intern@office.test>")).startsWith("250 2.1.5");
        }
    }

    @Test
    void aListReachesItsOtherMembersButNotAnInternalOnlyOneFromOutside() throws Exception {
        postroom = TestPostroom.start(dir, UNTRUSTED);
        MailAddress intern = postroom.addUser("intern");
        MailAddress alice = postroom.addUser("alice");
        postroom.directory().setInternalOnly(intern, true);
        MailAddress all = new MailAddress("all", TestPostroom.DOMAIN);
        postroom.directory().addGroup(all, false, java.util.List.of(alice, intern));
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            assertThat(send(smtp, "stranger@elsewhere.example", "all@office.test")).startsWith("250 2.1.5");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: hello all\r\n\r\nhi\r\n.")).startsWith("250");
        }
        assertThat(postroom.delivered("alice")).hasSize(1);
        assertThat(postroom.delivered("intern")).isEmpty();
    }

    /** RFC 5321 4.1.1.3: the bare {@code <Postmaster>} is the office's postmaster, the same one the queue and collector use. */
    @Test
    void theBarePostmasterIsTheOneFoundInOnePlace() throws Exception {
        postroom = TestPostroom.start(dir, UNTRUSTED);
        postroom.directory().addDomain("aaa.test"); // sorts before office.test and has no postmaster
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            assertThat(send(smtp, "someone@elsewhere.example", "Postmaster")).startsWith("250 2.1.5");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: hello postmaster\r\n\r\nhi\r\n.")).startsWith("250");
        }
        assertThat(postroom.delivered("postmaster")).hasSize(1);
    }

    private void startWithSmarthost(String addresses, String smtp) throws Exception {
        smarthost = ScriptedSmarthost.start(new ScriptedSmarthost.Script());
        postroom = TestPostroom.start(dir, smtp + addresses + "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\ntls = \"none\"\n");
        postroom.addUser("alice");
    }

    @Test
    void unknownLocalRelayQueuesAColleagueStillAtTheProviderForTheSmarthost() throws Exception {
        startWithSmarthost("[addresses]\nunknown_local = \"relay\"\n", "");
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) { // loopback: a trusted network, may relay
            assertThat(send(smtp, "alice@office.test", "gina@office.test")).startsWith("250 2.1.5");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: for gina at the provider\r\n\r\nhi\r\n.")).startsWith("250");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !smarthost.messages.isEmpty());
        assertThat(smarthost.messages.getFirst().recipients()).containsExactly("<gina@office.test>");
        assertThat(smarthost.messages.getFirst().text()).contains("for gina at the provider");
    }

    @Test
    void unknownLocalRelayStillRefusesAnOutsiderWhoMayNotRelay() throws Exception {
        startWithSmarthost("[addresses]\nunknown_local = \"relay\"\n", UNTRUSTED);
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            assertThat(send(smtp, "stranger@elsewhere.example", "gina@office.test")).startsWith("550 5.1.1");
        }
    }

    @Test
    void unknownLocalRelayDoesNotLetAnInternalOnlySenderOut() throws Exception {
        startWithSmarthost("[addresses]\nunknown_local = \"relay\"\n", "");
        postroom.directory().setInternalOnly(new MailAddress("alice", TestPostroom.DOMAIN), true);
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            assertThat(send(smtp, "alice@office.test", "gina@office.test")).startsWith("550 5.7.1");
        }
    }

    @Test
    void unknownLocalRejectIsTheDefault() throws Exception {
        startWithSmarthost("", "");
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            assertThat(send(smtp, "alice@office.test", "gina@office.test")).startsWith("550 5.1.1");
        }
    }
}
