package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.testing.RawPop3;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * Who may log in, from where, and how: passwords only inside TLS (or from loopback or the office when so
 * configured), per-user POP3 rights, failed logins that reveal nothing and are throttled together with SMTP's,
 * and connection limits.
 */
class Pop3LoginTest {
    static final String NO_PLAINTEXT = "[auth]\nplaintext_from_loopback = false\nfailure_delay = \"0s\"\n";

    @TempDir
    Path dir;
    TestPostroom postroom;

    void start(String extraToml) {
        postroom = TestPostroom.start(dir, extraToml);
        postroom.addUser("alice");
        postroom.deliver("alice", "Subject: hi\r\n\r\nbody\r\n");
    }

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    @Test
    void withoutTlsPasswordsAreRefusedWithAnAuthCodeUntilStls() throws Exception {
        start(NO_PLAINTEXT);
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.expectOk(pop.line());
            pop.expectOk(pop.command("CAPA"));
            assertThat(pop.lines()).contains("STLS", "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING")
                    .doesNotContain("USER", "SASL PLAIN");
            String refusal = "-ERR [AUTH] Logins without TLS are not allowed from your address; use STLS first";
            assertThat(pop.command("USER alice")).isEqualTo(refusal);
            assertThat(pop.command("PASS " + TestPostroom.PASSWORD)).isEqualTo("-ERR Send USER first");
            assertThat(pop.command("AUTH PLAIN " + plain("alice", TestPostroom.PASSWORD))).isEqualTo(refusal);
            pop.expectOk(pop.command("AUTH"));
            assertThat(pop.lines()).isEmpty();

            assertThat(pop.command("STLS")).isEqualTo("+OK Begin TLS negotiation");
            pop.startTls();
            pop.expectOk(pop.command("CAPA"));
            assertThat(pop.lines()).contains("USER", "SASL PLAIN").doesNotContain("STLS");
            assertThat(pop.command("STLS")).isEqualTo("-ERR TLS is already active");
            pop.expectOk(pop.command("USER alice"));
            assertThat(pop.command("PASS " + TestPostroom.PASSWORD)).startsWith("+OK Logged in, 1 messages");
            pop.expectOk(pop.command("QUIT"));
        }
    }

    @Test
    void implicitTlsAllowsLoginsAtOnceAndOffersNoStls() throws Exception {
        start(NO_PLAINTEXT);
        try (RawPop3 pop = RawPop3.connectTls(postroom.port(Pop3Door.POP3S))) {
            assertThat(pop.line()).isEqualTo("+OK mx.office.test POP3 Postroom ready");
            pop.expectOk(pop.command("CAPA"));
            assertThat(pop.lines()).contains("USER", "SASL PLAIN").doesNotContain("STLS");
            assertThat(pop.command("AUTH PLAIN " + plain("alice@office.test", TestPostroom.PASSWORD))).startsWith("+OK Logged in");
            pop.expectOk(pop.command("QUIT"));
        }
    }

    @Test
    void plaintextFromTheOfficeWhenConfigured() throws Exception {
        start(NO_PLAINTEXT + "[pop3]\nport = 0\ntls_port = 0\noffice_networks = [\"127.0.0.0/8\"]\nplaintext_from_office = true\n");
        try (RawPop3 pop = RawPop3.login(postroom.pop3Port(), "alice", TestPostroom.PASSWORD)) {
            pop.expectOk(pop.command("QUIT"));
        }
    }

    @Test
    void anOfficeOnlyUserIsRefusedOutsideTheOfficeNetworks() throws Exception {
        start("[pop3]\nport = 0\ntls_port = 0\noffice_networks = [\"10.0.0.0/8\"]\n");
        MailAddress alice = MailAddress.parse("alice@office.test");
        postroom.directory().setPop3OfficeOnly(alice, true);
        assertThat(loginAnswer("alice", TestPostroom.PASSWORD))
                .isEqualTo("-ERR [AUTH] This account may read mail over POP3 only from the office network");
        // A wrong password still says nothing more than any failure.
        assertThat(loginAnswer("alice", "wrong")).isEqualTo("-ERR [AUTH] Authentication failed");
        postroom.directory().setPop3OfficeOnly(alice, false);
        assertThat(loginAnswer("alice", TestPostroom.PASSWORD)).startsWith("+OK Logged in");
    }

    @Test
    void anOfficeOnlyUserInsideTheOfficeLogsIn() throws Exception {
        start(""); // office_networks defaults to loopback
        postroom.directory().setPop3OfficeOnly(MailAddress.parse("alice@office.test"), true);
        assertThat(loginAnswer("alice", TestPostroom.PASSWORD)).startsWith("+OK Logged in");
    }

    @Test
    void aUserWithoutPop3IsToldSoOnlyAfterTheRightPassword() throws Exception {
        start("");
        postroom.directory().setPop3Allowed(MailAddress.parse("alice@office.test"), false);
        assertThat(loginAnswer("alice", TestPostroom.PASSWORD)).isEqualTo("-ERR [AUTH] POP3 access is not enabled for this account");
        assertThat(loginAnswer("alice", "wrong")).isEqualTo("-ERR [AUTH] Authentication failed");
    }

    @Test
    void failedLoginsLookTheSameWhetherOrNotTheUserExists() throws Exception {
        start("");
        postroom.addUser("bob");
        postroom.directory().setEnabled(MailAddress.parse("bob@office.test"), false);
        String failed = "-ERR [AUTH] Authentication failed";
        assertThat(loginAnswer("alice", "wrong")).isEqualTo(failed);
        assertThat(loginAnswer("nobody@office.test", TestPostroom.PASSWORD)).isEqualTo(failed);
        assertThat(loginAnswer("bob", TestPostroom.PASSWORD)).isEqualTo(failed); // disabled
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.line();
            // USER answers the same for anyone: it cannot be used to find accounts.
            assertThat(pop.command("USER nobody@office.test")).isEqualTo("+OK Send your password");
            assertThat(pop.command("USER alice")).isEqualTo("+OK Send your password");
            assertThat(pop.command("AUTH PLAIN " + plain("nobody", "x"))).isEqualTo(failed);
        }
    }

    @Test
    void failedLoginsLockTheAddressOutTogetherWithSmtp() throws Exception {
        // Loopback outside the office networks: there the address is locked, not only the login.
        start("[auth]\nmax_failures = 3\nfailure_delay = \"0s\"\nlockout = \"5m\"\n"
                + "[pop3]\nport = 0\ntls_port = 0\noffice_networks = [\"10.0.0.0/8\"]\n");
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.example");
            assertThat(smtp.command("AUTH PLAIN " + plain("alice@office.test", "wrong"))).startsWith("535");
        }
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.line();
            pop.command("USER alice");
            assertThat(pop.command("PASS wrong")).isEqualTo("-ERR [AUTH] Authentication failed");
            pop.command("USER alice");
            // the third failure (another password: the same one again in a session counts once)
            assertThat(pop.command("PASS wrong again")).isEqualTo("-ERR [AUTH] Authentication failed");
            pop.command("USER alice");
            // Locked out now, even with the right password; the connection is closed.
            assertThat(pop.command("PASS " + TestPostroom.PASSWORD))
                    .isEqualTo("-ERR [LOGIN-DELAY] Too many failed logins from your address, try again later");
            assertThat(pop.isClosedByServer()).isTrue();
        }
        assertThat(loginAnswer("alice", TestPostroom.PASSWORD)).startsWith("-ERR [LOGIN-DELAY]");
    }

    @Test
    void connectionsPerClientAreLimited() throws Exception {
        start("[pop3]\nport = 0\ntls_port = 0\nmax_connections_per_client = 2\n");
        try (RawPop3 one = RawPop3.connect(postroom.pop3Port()); RawPop3 two = RawPop3.connect(postroom.pop3Port())) {
            one.expectOk(one.line());
            two.expectOk(two.line());
            try (RawPop3 three = RawPop3.connect(postroom.pop3Port())) {
                assertThat(three.line()).isEqualTo("-ERR [SYS/TEMP] Too many connections from your address, try again later");
                assertThat(three.isClosedByServer()).isTrue();
            }
            try (RawPop3 four = RawPop3.connect(postroom.port(Pop3Door.POP3S))) {
                assertThat(four.isClosedByServer()).isTrue(); // the TLS port closes without a word
            }
        }
    }

    private String loginAnswer(String user, String password) throws Exception {
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.expectOk(pop.line());
            pop.expectOk(pop.command("USER " + user));
            String answer = pop.command("PASS " + password);
            if (answer.startsWith("+OK")) pop.command("QUIT");
            return answer;
        }
    }

    static String plain(String login, String password) {
        return Base64.getEncoder().encodeToString(("\0" + login + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}
