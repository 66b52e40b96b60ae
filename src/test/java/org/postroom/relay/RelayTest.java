package org.postroom.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.net.TlsFiles;
import org.postroom.queue.QueueEntry;
import org.postroom.queue.RecipientState;
import org.postroom.queue.Spool;
import org.postroom.testing.CapturedLog;
import org.postroom.testing.MutableClock;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.ScriptedSmarthost;
import org.postroom.testing.TestPostroom;

/**
 * Outbound mail end to end: a trusted office client sends through Postroom's SMTP door, Postroom queues and
 * relays to a scripted smarthost that answers as each case needs. The clock is the test's: retries happen when
 * the test moves it, never by sleeping.
 */
class RelayTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    TestPostroom postroom;
    ScriptedSmarthost smarthost;

    @AfterEach
    void stop() throws Exception {
        if (postroom != null) postroom.close();
        if (smarthost != null) smarthost.close();
    }

    private void start(ScriptedSmarthost.Script script, String relayExtra) throws Exception {
        smarthost = ScriptedSmarthost.start(script);
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\ntls = \"none\"\n"
                + "command_timeout = \"2s\"\ndata_timeout = \"2s\"\ndata_end_timeout = \"2s\"\n" + relayExtra, clock);
        postroom.addUser("alice");
    }

    private Spool spool() {
        return postroom.outbound().queue().spool();
    }

    private QueueEntry onlyEntry() throws Exception {
        List<String> ids = spool().ids();
        assertThat(ids).hasSize(1);
        return spool().read(ids.getFirst()).orElseThrow();
    }

    private void retryNow() {
        clock.advance(Duration.ofMinutes(5));
        postroom.outbound().runner().wake();
    }

    @Test
    void aMessageForLocalAndOutsideRecipientsIsDeliveredHereAtOnceAndRelayedUnchanged() throws Exception {
        start(new ScriptedSmarthost.Script(), "");
        String message = OutboundMail.message("mixed", "Hello\r\n.a line with a dot\r\nbye");
        String reply = OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("alice@office.test", "bob@example.com"), message);
        assertThat(reply).startsWith("250 2.0.0");
        assertThat(postroom.delivered("alice")).hasSize(1);
        await().atMost(WAIT).until(() -> smarthost.messages.size() == 1);
        await().atMost(WAIT).until(() -> spool().ids().isEmpty());

        ScriptedSmarthost.Received sent = smarthost.messages.getFirst();
        assertThat(sent.from()).isEqualTo("<alice@office.test>");
        assertThat(sent.recipients()).containsExactly("<bob@example.com>");
        // Postroom's Received header in front, then the client's bytes exactly (dot-stuffing undone); no Return-Path.
        assertThat(sent.text()).startsWith("Received: from client.office.test").endsWith(message).doesNotContain("Return-Path");
        assertThat(postroom.readDelivered(postroom.delivered("alice").getFirst())).startsWith("Return-Path: <alice@office.test>").endsWith(message);
        // Pipelined (RFC 2920): MAIL, RCPT and DATA went in one group, answered in order.
        assertThat(smarthost.commands).containsSubsequence("EHLO mx.office.test", "MAIL FROM:<alice@office.test>", "RCPT TO:<bob@example.com>", "DATA");
    }

    @Test
    void eachRecipientGetsItsOwnAnswerAndTheSenderOneBounceForTheFailures() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.rcpt = to -> to.startsWith("<busy") ? "450 4.2.1 mailbox busy, try later"
                : to.startsWith("<nobody") ? "550 5.1.1 no such user here" : "250 2.1.5 ok";
        start(script, "");
        String reply = OutboundMail.send(postroom.smtpPort(), "alice@office.test",
                List.of("ok@example.com", "busy@example.com", "nobody@example.com"), OutboundMail.message("three", "hi"));
        assertThat(reply).startsWith("250 ");
        await().atMost(WAIT).until(() -> smarthost.messages.size() == 1 && postroom.delivered("alice").size() == 1);
        assertThat(smarthost.messages.getFirst().recipients()).containsExactly("<ok@example.com>");

        QueueEntry entry = onlyEntry();
        assertThat(entry.recipients()).extracting(r -> r.state()).containsExactly(RecipientState.DELIVERED, RecipientState.DEFERRED, RecipientState.FAILED);
        assertThat(entry.recipients().get(1).last().orElseThrow().text()).isEqualTo("450 4.2.1 mailbox busy, try later");

        // The bounce, read with Angus Mail: RFC 3464 multipart/report with the failed recipient only.
        MimeMessage bounce = OutboundMail.parse(postroom.delivered("alice").getFirst());
        assertThat(bounce.getContentType()).contains("multipart/report").contains("report-type=delivery-status");
        assertThat(bounce.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(bounce.getHeader("Return-Path", null)).isEqualTo("<>");
        MimeMultipart parts = (MimeMultipart) bounce.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("<nobody@example.com>: 550 5.1.1 no such user here");
        BodyPart status = parts.getBodyPart(1);
        assertThat(status.getContentType()).startsWith("message/delivery-status");
        String fields = text(status);
        assertThat(fields).contains("Reporting-MTA: dns; mx.office.test", "Final-Recipient: rfc822; nobody@example.com", "Action: failed",
                "Status: 5.1.1", "Remote-MTA: dns; 127.0.0.1:" + smarthost.port(), "Diagnostic-Code: smtp; 550 5.1.1 no such user here")
                .doesNotContain("busy@example.com", "ok@example.com");
        assertThat(parts.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");
        assertThat(text(parts.getBodyPart(2))).contains("Subject: three", "Message-ID: <three@office.test>").doesNotContain("\r\nhi\r\n");

        // The busy one is tried again when due, and then the message is done.
        script.rcpt = to -> "250 2.1.5 ok";
        retryNow();
        await().atMost(WAIT).until(() -> spool().ids().isEmpty());
        assertThat(smarthost.messages.get(1).recipients()).containsExactly("<busy@example.com>");
        assertThat(postroom.delivered("alice")).hasSize(1);
    }

    @Test
    void aRefusalAtTheEndOfDataCountsForEveryAcceptedRecipient() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.end = m -> "554 5.7.1 message refused as spam";
        start(script, "");
        OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("a@example.com", "b@example.com"), OutboundMail.message("spam", "x"));
        await().atMost(WAIT).until(() -> postroom.delivered("alice").size() == 1 && spool().ids().isEmpty());
        String bounce = postroom.readDelivered(postroom.delivered("alice").getFirst());
        assertThat(bounce).contains("Final-Recipient: rfc822; a@example.com", "Final-Recipient: rfc822; b@example.com", "Status: 5.7.1");
    }

    @Test
    void aConnectionDroppedInTheMiddleOfDataIsRetriedAndDeliveredOnce() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.dropAfterBytes = 60;
        start(script, "");
        OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("bob@example.com"), OutboundMail.message("dropped", "x".repeat(500)));
        await().atMost(WAIT).until(() -> spool().ids().size() == 1 && onlyEntry().attempts() == 1);
        assertThat(onlyEntry().recipients().getFirst().state()).isEqualTo(RecipientState.DEFERRED);
        assertThat(onlyEntry().recipients().getFirst().last().orElseThrow().text()).contains("DATA_END");
        assertThat(smarthost.messages).isEmpty();

        script.dropAfterBytes = -1;
        retryNow();
        await().atMost(WAIT).until(() -> spool().ids().isEmpty());
        assertThat(smarthost.messages).hasSize(1);
        assertThat(postroom.delivered("alice")).isEmpty(); // no bounce, no delay notice
    }

    @Test
    void aSmarthostThatNeverAnswersTimesOut() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.silent = true;
        start(script, "");
        long begin = System.nanoTime();
        OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("bob@example.com"), OutboundMail.message("silence", "x"));
        await().atMost(WAIT).until(() -> onlyEntry().attempts() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
        assertThat(onlyEntry().recipients().getFirst().last().orElseThrow().text()).contains("did not answer in time at GREETING");
        assertThat(onlyEntry().recipients().getFirst().state()).isEqualTo(RecipientState.DEFERRED);
    }

    @Test
    void startTlsOfferedAndThenFailedHoldsTheMailAsAConfigurationProblem() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.extensions = List.of("PIPELINING", "8BITMIME", "STARTTLS");
        script.breakStartTls = true;
        smarthost = ScriptedSmarthost.start(script);
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\ntls = \"starttls\"\n"
                + "trust = \"pinned\"\nca_file = \"tls/cert.pem\"\ncommand_timeout = \"2s\"\n", clock);
        postroom.addUser("alice");
        OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("bob@example.com"), OutboundMail.message("tls", "x"));
        await().atMost(WAIT).until(() -> onlyEntry().attempts() == 1);
        var last = onlyEntry().recipients().getFirst().last().orElseThrow();
        assertThat(last.configProblem()).isTrue();
        assertThat(last.status()).startsWith("4.");
        // Hours of it: still held, never bounced (only the one delay notice after four hours).
        for (int i = 2; i <= 8; i++) {
            clock.advance(Duration.ofHours(1));
            postroom.outbound().runner().wake();
            int attempts = i;
            await().atMost(WAIT).until(() -> onlyEntry().attempts() == attempts);
        }
        int tries = smarthost.connections.get();
        assertThat(onlyEntry().recipients().getFirst().state()).isEqualTo(RecipientState.DEFERRED);
        await().atMost(WAIT).until(() -> postroom.delivered("alice").size() == 1);
        assertThat(postroom.readDelivered(postroom.delivered("alice").getFirst())).contains("Action: delayed").doesNotContain("Action: failed");
        assertThat(tries).isPositive();
    }

    /** Issue 10 item 17: bytes after STARTTLS's 220 (RFC 3207 5, CVE-2011-0411) are refused like a bad certificate. */
    @Test
    void aSmarthostThatInjectsDataAfterStartTlsIsAConfigurationProblemWithAnAlert() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.extensions = List.of("PIPELINING", "STARTTLS");
        script.injectAfterStartTls = "250 2.0.0 injected before the handshake\r\n";
        smarthost = ScriptedSmarthost.start(script);
        try (CapturedLog log = CapturedLog.start()) {
            postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\ntls = \"starttls\"\n"
                    + "trust = \"pinned\"\nca_file = \"tls/cert.pem\"\ncommand_timeout = \"2s\"\n", clock);
            postroom.addUser("alice");
            OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("bob@example.com"), OutboundMail.message("inject", "x"));
            await().atMost(WAIT).until(() -> onlyEntry().attempts() == 1);
            var last = onlyEntry().recipients().getFirst().last().orElseThrow();
            assertThat(last.text()).contains("sent data after its STARTTLS reply");
            assertThat(last.configProblem()).isTrue();
            assertThat(last.status()).startsWith("4.");
            assertThat(onlyEntry().recipients().getFirst().state()).isEqualTo(RecipientState.DEFERRED);
            assertThat(log.lines()).anyMatch(l -> l.startsWith("ERROR ALERT: smarthost 127.0.0.1:" + smarthost.port() + ": Postroom's TLS failed")
                    && l.contains("sent data after its STARTTLS reply"));
        }
        assertThat(smarthost.commands).doesNotContain("MAIL FROM:<alice@office.test>").doesNotContain("AUTH");
    }

    @Test
    void noStartTlsOrARefusedOneIsAConfigurationProblemAndAGoodOneDelivers() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script(); // no STARTTLS offered at all
        smarthost = ScriptedSmarthost.start(script);
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\n"
                + "trust = \"pinned\"\nca_file = \"tls/cert.pem\"\n", clock);
        postroom.addUser("alice");
        OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("bob@example.com"), OutboundMail.message("starttls", "x"));
        await().atMost(WAIT).until(() -> onlyEntry().attempts() == 1);
        assertThat(onlyEntry().recipients().getFirst().last().orElseThrow().text()).contains("does not offer STARTTLS");
        assertThat(onlyEntry().recipients().getFirst().last().orElseThrow().configProblem()).isTrue();
        assertThat(smarthost.commands).doesNotContain("MAIL FROM:<alice@office.test>");

        script.extensions = List.of("PIPELINING", "STARTTLS"); // offered, but refused with 454
        retryNow();
        await().atMost(WAIT).until(() -> onlyEntry().attempts() == 2);
        assertThat(onlyEntry().recipients().getFirst().last().orElseThrow().text()).contains("refused STARTTLS: 454 4.7.0");

        // With Postroom's own certificate and key the handshake works, and the pinned certificate is believed.
        Path cert = postroom.dataDir().resolve("tls/cert.pem");
        script.tls = TlsFiles.serverContext(cert, postroom.dataDir().resolve("tls/key.pem"));
        clock.advance(Duration.ofMinutes(10));
        postroom.outbound().runner().wake();
        await().atMost(WAIT).until(() -> spool().ids().isEmpty());
        assertThat(smarthost.messages).hasSize(1);
        assertThat(smarthost.commands).containsSubsequence("STARTTLS", "EHLO mx.office.test", "RCPT TO:<bob@example.com>");
    }

    @Test
    void aMessageTheSmarthostCannotTakeIsBouncedWithoutTrying() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.extensions = List.of("PIPELINING", "SIZE 1000"); // small, and no 8BITMIME
        start(script, "");
        OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("big@example.com"), OutboundMail.message("big", ("y".repeat(98) + "\r\n").repeat(20)));
        OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("eight@example.com"), OutboundMail.message("eight", "gr\u00fc\u00dfe"));
        await().atMost(WAIT).until(() -> postroom.delivered("alice").size() == 2 && spool().ids().isEmpty());
        String bounces = postroom.readDelivered(postroom.delivered("alice").get(0)) + postroom.readDelivered(postroom.delivered("alice").get(1));
        assertThat(bounces).contains("Status: 5.3.4", "larger than the smarthost's limit of 1000 octets", "Status: 5.6.3", "8BITMIME");
        assertThat(smarthost.commands).noneMatch(c -> c.startsWith("MAIL"));
    }

    @Test
    void failoverToTheNextSmarthostWithStartTlsAndAuthLogin() throws Exception {
        int dead;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            dead = free.getLocalPort(); // nobody listens here: connection refused
        }
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.extensions = List.of("PIPELINING", "STARTTLS");
        script.auth = "LOGIN PLAIN"; // the server's preference first: Postroom uses LOGIN
        script.accept = "office:s3cret pass";
        smarthost = ScriptedSmarthost.start(script);
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + dead + "\", \"127.0.0.1:" + smarthost.port() + "\"]\n"
                + "trust = \"pinned\"\nca_file = \"tls/cert.pem\"\nlogin = \"office\"\npassword = \"s3cret pass\"\n", clock);
        postroom.addUser("alice");
        script.tls = TlsFiles.serverContext(postroom.dataDir().resolve("tls/cert.pem"), postroom.dataDir().resolve("tls/key.pem"));
        OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("bob@example.com"), OutboundMail.message("failover", "x"));
        await().atMost(WAIT).until(() -> smarthost.messages.size() == 1 && spool().ids().isEmpty());
        assertThat(smarthost.commands).containsSubsequence("STARTTLS", "EHLO mx.office.test", "AUTH LOGIN", "(credentials accepted)",
                "MAIL FROM:<alice@office.test>");
    }

    @Test
    void utf8AddressesNeedSmtpUtf8AtTheSmarthost() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        start(script, "");
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            assertThat(smtp.command("MAIL FROM:<alice@office.test> SMTPUTF8")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<j\u00f6rg@example.com>")).startsWith("250");
            smtp.command("DATA");
            assertThat(smtp.command("Subject: utf8\r\n\r\nhi\r\n.")).startsWith("250");
        }
        await().atMost(WAIT).until(() -> smarthost.messages.size() == 1);
        // The trace header names the UTF-8 recipient, so the message is 8-bit too.
        assertThat(smarthost.commands).contains("MAIL FROM:<alice@office.test> BODY=8BITMIME SMTPUTF8", "RCPT TO:<j\u00f6rg@example.com>");

        script.extensions = List.of("PIPELINING", "8BITMIME"); // no SMTPUTF8 now
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<alice@office.test> SMTPUTF8");
            smtp.command("RCPT TO:<j\u00f6rg@example.com>");
            smtp.command("DATA");
            assertThat(smtp.command("Subject: utf8 again\r\n\r\nhi\r\n.")).startsWith("250");
        }
        await().atMost(WAIT).until(() -> postroom.delivered("alice").size() == 1 && spool().ids().isEmpty());
        assertThat(postroom.readDelivered(postroom.delivered("alice").getFirst())).contains("Status: 5.6.7", "SMTPUTF8");
        assertThat(smarthost.messages).hasSize(1);
    }

    @Test
    void severalMessagesShareOneConnection() throws Exception {
        start(new ScriptedSmarthost.Script(), "max_connections = 1\n");
        for (int i = 0; i < 5; i++) {
            OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("bob" + i + "@example.com"), OutboundMail.message("n" + i, "x"));
        }
        await().atMost(WAIT).until(() -> smarthost.messages.size() == 5);
        assertThat(smarthost.connections.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void neverAnOpenRelayEvenWithASmarthost() throws Exception {
        smarthost = ScriptedSmarthost.start(new ScriptedSmarthost.Script());
        postroom = TestPostroom.start(dir, "[smtp]\nport = 0\nsubmission_port = 0\nsubmissions_port = 0\ntrusted_networks = []\n"
                + "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\ntls = \"none\"\n", clock);
        postroom.addUser("alice");
        postroom.directory().addUser(org.postroom.message.MailAddress.parse("intern@office.test"), "Intern",
                TestPostroom.PASSWORD.toCharArray(), true, 0);
        postroom.directory().addAlias(org.postroom.message.MailAddress.parse("forward@office.test"),
                List.of(org.postroom.message.MailAddress.parse("alice@office.test"), org.postroom.message.MailAddress.parse("alice@home.example")));
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            assertThat(smtp.reply()).startsWith("220");
            assertThat(smtp.command("EHLO stranger.example")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<spammer@stranger.example>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<victim@elsewhere.example>")).startsWith("550 5.7.1");
            // An alias the administrator pointed outside is forwarding, not relaying: accepted from anyone.
            assertThat(smtp.command("RCPT TO:<forward@office.test>")).startsWith("250");
            assertThat(smtp.command("RSET")).startsWith("250");
            // A logged-in user marked internal-only may not send outside, directly or through that alias.
            assertThat(smtp.command("AUTH PLAIN " + RawSmtp.plain("intern@office.test", TestPostroom.PASSWORD))).startsWith("235");
            assertThat(smtp.command("MAIL FROM:<intern@office.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<bob@example.com>")).startsWith("550 5.7.1");
            assertThat(smtp.command("RCPT TO:<forward@office.test>")).startsWith("550 5.7.1");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250");
        }
        assertThat(smarthost.messages).isEmpty();
    }

    @Test
    void anAliasWithAnOutsideTargetDeliversHereAndQueuesTheRest() throws Exception {
        start(new ScriptedSmarthost.Script(), "");
        postroom.directory().addAlias(org.postroom.message.MailAddress.parse("info@office.test"),
                List.of(org.postroom.message.MailAddress.parse("alice@office.test"), org.postroom.message.MailAddress.parse("alice@home.example")));
        OutboundMail.send(postroom.smtpPort(), "someone@client.example", List.of("info@office.test"), OutboundMail.message("alias", "x"));
        assertThat(postroom.delivered("alice")).hasSize(1);
        await().atMost(WAIT).until(() -> smarthost.messages.size() == 1);
        assertThat(smarthost.messages.getFirst().recipients()).containsExactly("<alice@home.example>");
        assertThat(smarthost.messages.getFirst().from()).isEqualTo("<someone@client.example>");
    }

    private static String text(BodyPart part) throws Exception {
        Object content = part.getContent();
        if (content instanceof String s) return s;
        if (content instanceof InputStream in) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
