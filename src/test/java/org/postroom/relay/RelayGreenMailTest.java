package org.postroom.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.queue.QueueEntry;
import org.postroom.queue.RecipientState;
import org.postroom.testing.MutableClock;
import org.postroom.testing.TestPostroom;

/**
 * GreenMail plays the provider's smarthost (TESTING.md): implicit TLS on its SMTPS port with its own self-signed
 * certificate (pinned), AUTH PLAIN with the office's account; a smarthost that is down and then up; a login it
 * refuses. GreenMail offers no 8BITMIME, so every message here is 7-bit.
 */
class RelayGreenMailTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    TestPostroom postroom;
    GreenMail provider;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
        if (provider != null) provider.stop();
    }

    private void startProvider(ServerSetup setup) {
        provider = new GreenMail(setup);
        // With a configured login GreenMail delivers only to mailboxes it knows: make the recipients' too.
        provider.withConfiguration(GreenMailConfiguration.aConfig().withUser("office@provider.test", "office", "provider secret")
                .withUser("bob@example.com", "bob", "x").withUser("carol@example.org", "carol", "x"));
        provider.start();
    }

    private void startPostroom(int port, String password) throws Exception {
        Path pem = dir.resolve("provider.pem");
        Files.writeString(pem, pemOf(port), StandardCharsets.US_ASCII);
        postroom = TestPostroom.start(dir.resolve("data"), "[relay]\nsmarthosts = [\"127.0.0.1:" + port + "\"]\ntls = \"implicit\"\n"
                + "trust = \"pinned\"\nca_file = \"" + pem + "\"\nlogin = \"office\"\npassword = \"" + password + "\"\n", clock);
        postroom.addUser("alice");
    }

    @Test
    void relaysOverImplicitTlsWithAuth() throws Exception {
        startProvider(ServerSetupTest.SMTPS.dynamicPort());
        startPostroom(provider.getSmtps().getPort(), "provider secret");
        String message = OutboundMail.message("greetings", "Hello Bob,\r\n.dotted line\r\nsee you");
        assertThat(OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("bob@example.com", "carol@example.org"), message))
                .startsWith("250 ");
        await().atMost(WAIT).until(() -> provider.getReceivedMessages().length == 2);
        await().atMost(WAIT).until(() -> postroom.outbound().queue().spool().ids().isEmpty());
        MimeMessage[] received = provider.getReceivedMessages();
        assertThat(received).hasSize(2); // one per recipient mailbox
        String whole = GreenMailUtil.getWholeMessage(received[0]);
        assertThat(whole).contains("Received: from client.office.test", "by mx.office.test (Postroom)", "Subject: greetings",
                "Message-ID: <greetings@office.test>", ".dotted line");
        assertThat(postroom.delivered("alice")).isEmpty();
    }

    @Test
    void aSmarthostThatIsDownIsTriedAgainWhenDueAndDeliversWhenUp() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // Nobody listens yet: connection refused. (Plain SMTP, no login: GreenMail's SMTP port has no STARTTLS.)
        postroom = TestPostroom.start(dir.resolve("data"), "[relay]\nsmarthosts = [\"127.0.0.1:" + port + "\"]\ntls = \"none\"\n", clock);
        postroom.addUser("alice");
        OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("bob@example.com"), OutboundMail.message("later", "x"));
        await().atMost(WAIT).until(() -> entry().attempts() == 1);
        assertThat(entry().recipients().getFirst().state()).isEqualTo(RecipientState.DEFERRED);
        assertThat(entry().recipients().getFirst().last().orElseThrow().text()).contains("cannot connect to 127.0.0.1:" + port);
        assertThat(entry().nextAttempt()).contains(clock.instant().plus(Duration.ofMinutes(5)));

        startProvider(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        clock.advance(Duration.ofMinutes(4)); // not due yet
        postroom.outbound().runner().wake();
        Thread.sleep(500); // a moment for a wrong early attempt to show
        assertThat(provider.getReceivedMessages()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        postroom.outbound().runner().wake();
        await().atMost(WAIT).until(() -> provider.getReceivedMessages().length == 1);
        await().atMost(WAIT).until(() -> postroom.outbound().queue().spool().ids().isEmpty());
    }

    @Test
    void aRefusedLoginHoldsTheMailWithoutBouncingIt() throws Exception {
        startProvider(ServerSetupTest.SMTPS.dynamicPort());
        startPostroom(provider.getSmtps().getPort(), "wrong password");
        OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("bob@example.com"), OutboundMail.message("held", "x"));
        await().atMost(WAIT).until(() -> entry().attempts() == 1);
        var last = entry().recipients().getFirst().last().orElseThrow();
        assertThat(last.text()).startsWith("535 5.7.8");
        assertThat(last.configProblem()).isTrue();
        assertThat(last.status()).isEqualTo("4.7.8"); // never a permanent failure for the sender
        for (int i = 2; i <= 4; i++) {
            clock.advance(Duration.ofHours(1));
            postroom.outbound().runner().wake();
            int attempts = i;
            await().atMost(WAIT).until(() -> entry().attempts() == attempts);
        }
        assertThat(entry().recipients().getFirst().state()).isEqualTo(RecipientState.DEFERRED);
        assertThat(postroom.delivered("alice")).isEmpty(); // no bounce (and under 4 hours: no delay notice)
        assertThat(provider.getReceivedMessages()).isEmpty();
    }

    private QueueEntry entry() throws Exception {
        var spool = postroom.outbound().queue().spool();
        List<String> ids = spool.ids();
        assertThat(ids).hasSize(1);
        return spool.read(ids.getFirst()).orElseThrow();
    }

    /** The provider's certificate, fetched over TLS the way an administrator would fetch it (openssl s_client). */
    private static String pemOf(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            X509Certificate cert = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        }
    }
}
