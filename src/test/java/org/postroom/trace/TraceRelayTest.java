package org.postroom.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.queue.AdminRequest;
import org.postroom.queue.QueueControl;
import org.postroom.queue.Spool;
import org.postroom.testing.MutableClock;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.ScriptedSmarthost;
import org.postroom.testing.TestPostroom;

/**
 * The trace of outbound mail: a trusted client sends through Postroom, which relays to a scripted smarthost that
 * answers as each case needs; the clock is the test's. Each relay attempt, bounce, delay notice, expiry and
 * administrator's action is a step of the message, and the verdict says where it stands.
 */
class TraceRelayTest {
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

    private void start(ScriptedSmarthost.Script script, String relayExtra, String queueToml) throws Exception {
        smarthost = ScriptedSmarthost.start(script);
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\ntls = \"none\"\n"
                + "command_timeout = \"2s\"\ndata_timeout = \"2s\"\ndata_end_timeout = \"2s\"\n" + relayExtra + queueToml, clock);
        postroom.addUser("alice");
    }

    private String send(List<String> to) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<alice@office.test>");
            for (String rcpt : to) assertThat(smtp.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
            smtp.command("DATA");
            String reply = smtp.command("Subject: out\r\nMessage-ID: <out@office.test>\r\n\r\nhello\r\n.");
            assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
            return reply.substring(reply.lastIndexOf(' ') + 1);
        }
    }

    private Spool spool() {
        return postroom.outbound().queue().spool();
    }

    private MessageStory story(String id) throws Exception {
        List<MessageStory> found = Traces.find(postroom, id);
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    @Test
    void sentAndBouncedRecipientsEachHaveTheirStepAndTheVerdictNamesTheSmarthost() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.rcpt = to -> to.startsWith("<nobody") ? "550 5.1.1 no such user here" : "250 2.1.5 ok";
        start(script, "", "");
        String id = send(List.of("bob@example.com", "nobody@example.com"));
        await().atMost(WAIT).until(() -> spool().ids().isEmpty());

        MessageStory story = story(id);
        assertThat(Traces.kinds(story)).containsExactly(EventKind.ACCEPTED, EventKind.QUEUED, EventKind.RELAYED, EventKind.BOUNCED);
        Event relayed = story.steps().get(2);
        assertThat(relayed.addresses()).containsExactly("bob@example.com");
        assertThat(relayed.detail("smarthost")).isEqualTo("127.0.0.1:" + smarthost.port());
        assertThat(relayed.detail("reply")).startsWith("250");
        String host = "127.0.0.1:" + smarthost.port();
        assertThat(story.verdict()).isEqualTo("sent to bob@example.com via " + host + "; bounced: 550 5.1.1 no such user here from " + host
                + " (for nobody@example.com)");
        // The bounce itself is a message of its own, from Postroom's notice door, delivered to alice.
        List<MessageStory> alices = Traces.find(postroom, "alice@office.test");
        assertThat(alices).anySatisfy(s -> assertThat(s.steps().getFirst().door()).isEqualTo("notice"));
    }

    @Test
    void aRefusedLoginIsWaitingWithTheTimeItBeganThenTheDelayNoticeThenExpiry() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.extensions = List.of("PIPELINING", "STARTTLS");
        script.auth = "PLAIN";
        script.accept = "office:right";
        smarthost = ScriptedSmarthost.start(script);
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\n"
                + "trust = \"pinned\"\nca_file = \"tls/cert.pem\"\nlogin = \"office\"\npassword = \"wrong\"\n"
                + "[queue]\nfirst_retry = \"5m\"\nmax_retry_interval = \"1h\"\nlifetime = \"1d\"\ndelay_notice = \"4h\"\n", clock);
        postroom.addUser("alice");
        script.tls = org.postroom.net.TlsFiles.serverContext(postroom.dataDir().resolve("tls/cert.pem"), postroom.dataDir().resolve("tls/key.pem"));
        String id = send(List.of("bob@example.com"));
        await().atMost(WAIT).until(() -> spool().read(id).map(e -> e.attempts()).orElse(0) == 1);

        MessageStory waiting = story(id);
        assertThat(Traces.kinds(waiting)).containsExactly(EventKind.ACCEPTED, EventKind.QUEUED, EventKind.DEFERRED);
        assertThat(waiting.steps().get(2).detail("config_problem")).isEqualTo("true");
        assertThat(waiting.verdict()).startsWith("waiting: the smarthost refuses Postroom's login or TLS (")
                .contains(" since " + java.time.format.DateTimeFormatter.ofPattern("MMM d HH:mm").format(clock.instant().atZone(java.time.ZoneOffset.UTC)))
                .endsWith("(for bob@example.com)");

        // Past the delay notice's time: the sender is told, and the trace says so.
        clock.advance(Duration.ofHours(5));
        postroom.outbound().runner().wake();
        await().atMost(WAIT).until(() -> Traces.kinds(story(id)).contains(EventKind.DELAY_NOTICE));
        // Past the lifetime: expired.
        clock.advance(Duration.ofDays(1));
        postroom.outbound().runner().wake();
        await().atMost(WAIT).until(() -> spool().ids().isEmpty());
        MessageStory expired = story(id);
        assertThat(Traces.kinds(expired)).contains(EventKind.DELAY_NOTICE).endsWith(EventKind.EXPIRED);
        assertThat(expired.verdict()).startsWith("expired: undelivered to bob@example.com at the end of its lifetime");
    }

    @Test
    void theAdministratorsHoldReleaseAndDeleteAreSteps() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.rcpt = to -> "451 4.3.0 try again later";
        start(script, "", "");
        String id = send(List.of("bob@example.com"));
        await().atMost(WAIT).until(() -> spool().read(id).map(e -> e.attempts()).orElse(0) == 1);
        assertThat(story(id).verdict()).startsWith("waiting: 451 4.3.0 try again later from 127.0.0.1:");

        admin(AdminRequest.Action.HOLD, id);
        admin(AdminRequest.Action.RELEASE, id); // due at once: tried again
        await().atMost(WAIT).until(() -> spool().read(id).map(e -> e.attempts()).orElse(0) == 2);
        admin(AdminRequest.Action.HOLD, id);
        assertThat(story(id).verdict()).isEqualTo("held by the administrator (for bob@example.com)");
        admin(AdminRequest.Action.DELETE, id);
        MessageStory story = story(id);
        assertThat(Traces.kinds(story)).containsExactly(EventKind.ACCEPTED, EventKind.QUEUED, EventKind.DEFERRED, EventKind.HELD,
                EventKind.RELEASED, EventKind.DEFERRED, EventKind.HELD, EventKind.DELETED);
        assertThat(story.steps().get(3).door()).isEqualTo("admin");
        assertThat(story.verdict()).isEqualTo("deleted by the administrator (for bob@example.com)");
    }

    private void admin(AdminRequest.Action action, String id) throws Exception {
        AdminRequest.Reply reply = QueueControl.submit(spool(), new AdminRequest(action, Optional.of(id)), Clock.systemUTC(), WAIT);
        assertThat(reply.ok()).as(reply.message()).isTrue();
    }
}
