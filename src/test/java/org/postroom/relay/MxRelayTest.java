package org.postroom.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.HostPort;
import org.postroom.message.MailAddress;
import org.postroom.net.ClientTls;
import org.postroom.net.TlsFiles;
import org.postroom.queue.DeliveryAgent;
import org.postroom.queue.DeliveryAgent.Outcome;
import org.postroom.smtp.client.ClientTimeouts;
import org.postroom.testing.ScriptedSmarthost;

/**
 * Direct delivery to MX hosts ({@code [relay] mx_delivery}), with scripted servers as the MX hosts and a fixed
 * table as DNS: recipients grouped by domain, MX hosts tried in order, opportunistic STARTTLS with a fallback
 * to plain text, null MX and DNS failures, and the MX record ordering of RFC 5321 5.1.
 */
class MxRelayTest {
    private static final ClientTimeouts QUICK = new ClientTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(2));

    @TempDir
    Path dir;
    ScriptedSmarthost first;
    ScriptedSmarthost second;

    @AfterEach
    void stop() throws Exception {
        if (first != null) first.close();
        if (second != null) second.close();
    }

    @Test
    void eachDomainGoesToItsOwnMxWithFailoverOpportunisticTlsAndDnsAnswers() throws Exception {
        int dead;
        try (ServerSocket free = new ServerSocket(0)) {
            dead = free.getLocalPort();
        }
        ScriptedSmarthost.Script tlsScript = new ScriptedSmarthost.Script();
        tlsScript.extensions = List.of("PIPELINING", "STARTTLS");
        TlsFiles.createSelfSignedIfMissing(dir.resolve("cert.pem"), dir.resolve("key.pem"), "mx1.a.example");
        tlsScript.tls = TlsFiles.serverContext(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        first = ScriptedSmarthost.start(tlsScript);
        ScriptedSmarthost.Script broken = new ScriptedSmarthost.Script();
        broken.extensions = List.of("PIPELINING", "STARTTLS");
        broken.breakStartTls = true;
        second = ScriptedSmarthost.start(broken);

        Map<String, MxResolver.Result> dns = Map.of(
                "a.example", new MxResolver.Result.Hosts(List.of(new HostPort("127.0.0.1", dead), new HostPort("127.0.0.1", first.port()))),
                "b.example", new MxResolver.Result.Hosts(List.of(new HostPort("127.0.0.1", second.port()))),
                "nomail.example", new MxResolver.Result.NoMail("5.1.10", "nomail.example accepts no mail (null MX, RFC 7505)"),
                "dnsfail.example", new MxResolver.Result.TryLater("DNS lookup of dnsfail.example failed"));
        MxRelay relay = new MxRelay(dns::get, QUICK, "mx.office.test", ClientTls.opportunistic());

        byte[] content = "Subject: mx\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        List<MailAddress> to = List.of(MailAddress.parse("x@a.example"), MailAddress.parse("y@b.example"), MailAddress.parse("z@a.example"),
                MailAddress.parse("n@nomail.example"), MailAddress.parse("d@dnsfail.example"));
        List<Outcome> outcomes;
        try (DeliveryAgent.Session session = relay.open()) {
            outcomes = session.send(new DeliveryAgent.Outgoing("M1", Optional.of(MailAddress.parse("alice@office.test")), to,
                    content.length, false, false, () -> new ByteArrayInputStream(content)));
            // The next message for a.example reuses the connection.
            session.send(new DeliveryAgent.Outgoing("M2", Optional.empty(), List.of(MailAddress.parse("x@a.example")), content.length, false,
                    false, () -> new ByteArrayInputStream(content)));
        }
        assertThat(outcomes.get(0)).isInstanceOf(Outcome.Delivered.class);
        assertThat(outcomes.get(1)).isInstanceOf(Outcome.Delivered.class);
        assertThat(outcomes.get(2)).isInstanceOf(Outcome.Delivered.class);
        assertThat(outcomes.get(3)).isInstanceOf(Outcome.Failed.class);
        assertThat(outcomes.get(3).diagnosis().status()).isEqualTo("5.1.10");
        assertThat(outcomes.get(4)).isInstanceOf(Outcome.Deferred.class);
        assertThat(outcomes.get(4).diagnosis().status()).isEqualTo("4.4.3");

        assertThat(first.messages).hasSize(2);
        assertThat(first.messages.getFirst().recipients()).containsExactly("<x@a.example>", "<z@a.example>");
        assertThat(first.messages.get(1).from()).isEqualTo("<>");
        assertThat(first.connections.get()).isEqualTo(1);
        assertThat(first.commands).containsSubsequence("STARTTLS", "EHLO mx.office.test", "MAIL FROM:<alice@office.test>");
        assertThat(first.commands).noneMatch(c -> c.startsWith("AUTH"));
        // b.example's STARTTLS broke: the message went over a second, plain connection.
        assertThat(second.messages).hasSize(1);
        assertThat(second.messages.getFirst().recipients()).containsExactly("<y@b.example>");
        assertThat(second.connections.get()).isEqualTo(2);
    }

    @Test
    void mxRecordsAreOrderedByPreferenceAndTheNullMxMeansNoMail() {
        var hosts = (MxResolver.Result.Hosts) DnsMxResolver.fromRecords("example.com", List.of("20 mx2.example.com.", "10 MX1.example.com.",
                "30 mx3.example.com"));
        assertThat(hosts.hosts()).containsExactly(new HostPort("mx1.example.com", 25), new HostPort("mx2.example.com", 25),
                new HostPort("mx3.example.com", 25));
        assertThat(DnsMxResolver.fromRecords("example.com", List.of())).isEqualTo(
                new MxResolver.Result.Hosts(List.of(new HostPort("example.com", 25)))); // RFC 5321 5.1: implicit MX
        assertThat(DnsMxResolver.fromRecords("example.com", List.of("0 ."))).isInstanceOf(MxResolver.Result.NoMail.class);
    }
}
