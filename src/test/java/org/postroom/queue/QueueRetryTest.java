package org.postroom.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;
import org.postroom.queue.DeliveryAgent.Outcome;
import org.postroom.testing.MutableClock;

/**
 * Issue 10 item 14, the queue's side: {@code queue retry} on a held message says so and is refused; a manual retry
 * (or a reload's) does not push the automatic schedule further out; after a reloaded {@code [relay]}, mail deferred
 * for a configuration problem goes at once through the new relay.
 */
class QueueRetryTest {
    private static final MailAddress BOB = MailAddress.parse("bob@example.com");
    private static final RetrySchedule SCHEDULE = new RetrySchedule(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(5), Duration.ofHours(4));
    private static final Diagnosis BUSY = Diagnosis.reply(new org.postroom.smtp.SmtpReply(451, "4.3.0", "busy"), "smarthost:587");
    private static final Diagnosis LOGIN_REFUSED = new Diagnosis("4.7.8", "535 5.7.8 bad credentials", Optional.of("smarthost:587"), true, true);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    final QueueRunnerTest.FakeAgent agent = new QueueRunnerTest.FakeAgent();
    Spool spool;
    QueueRunner runner;

    @BeforeEach
    void start() throws Exception {
        agent.answer = r -> new Outcome.Deferred(BUSY);
        spool = new Spool(dir.resolve("queue"));
        runner = new QueueRunner(spool, agent, SCHEDULE, clock, new QueueRunnerTest.Notes(), "mx.office.test", 2, 10);
        runner.start();
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    private void enqueueDeferred(String id) throws Exception {
        int before = agent.attempts.size();
        new OutboundQueue(spool, clock).stage(id, Optional.of(MailAddress.parse("alice@office.test")),
                List.of(new OutboundQueue.Target(BOB, Optional.empty())), QueueEntry.Kind.MESSAGE,
                out -> out.write("Subject: t\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII))).commit();
        await().atMost(PATIENCE).until(() -> agent.attempts.size() > before && entry(id).attempts() == 1);
    }

    private QueueEntry entry(String id) throws Exception {
        return spool.read(id).orElseThrow();
    }

    private AdminRequest.Reply ask(AdminRequest.Action action, String id) throws Exception {
        return QueueControl.submit(spool, new AdminRequest(action, Optional.of(id)), clock, PATIENCE);
    }

    @Test
    void aManualRetryThatFailsKeepsTheAutomaticSchedule() throws Exception {
        Instant t0 = clock.instant();
        enqueueDeferred("M1");
        assertThat(entry("M1").nextAttempt()).contains(t0.plus(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(1));
        AdminRequest.Reply retried = ask(AdminRequest.Action.RETRY, "M1");
        assertThat(retried.ok()).as(retried.message()).isTrue();
        await().atMost(PATIENCE).until(() -> entry("M1").attempts() == 2);

        // Without the fix: one minute + the second wait (10 minutes) = t0 + 11 minutes, further out than planned.
        assertThat(entry("M1").nextAttempt()).contains(t0.plus(Duration.ofMinutes(5)));
        assertThat(runner.schedule()).containsEntry("M1", t0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aRetryOfAHeldMessageSaysItIsHeldAndLeavesItAlone() throws Exception {
        enqueueDeferred("H1");
        assertThat(ask(AdminRequest.Action.HOLD, "H1").ok()).isTrue();

        AdminRequest.Reply retried = ask(AdminRequest.Action.RETRY, "H1");
        assertThat(retried.ok()).isFalse();
        assertThat(retried.message()).contains("H1 is held", "postroom queue release H1");
        Thread.sleep(500);
        assertThat(agent.attempts).hasSize(1);
        assertThat(entry("H1").isHeld()).isTrue();

        runner.close(); // no server: the command changes the files itself, and answers the same
        AdminRequest.Reply direct = ask(AdminRequest.Action.RETRY, "H1");
        assertThat(direct.ok()).isFalse();
        assertThat(direct.message()).contains("H1 is held");
    }

    @Test
    void afterANewRelayMailDeferredForAConfigurationProblemGoesAtOnce() throws Exception {
        agent.answer = r -> new Outcome.Deferred(LOGIN_REFUSED);
        enqueueDeferred("C1");
        agent.answer = r -> new Outcome.Deferred(BUSY);
        enqueueDeferred("B1"); // deferred for the smarthost's own reasons: not tried early

        QueueRunnerTest.FakeAgent fixed = new QueueRunnerTest.FakeAgent(); // delivers everything
        runner.reconfigure(fixed, SCHEDULE);
        assertThat(runner.retryConfigurationProblems()).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> !spool.exists("C1"));
        assertThat(fixed.attempts).extracting(DeliveryAgent.Outgoing::id).containsExactly("C1");
        assertThat(spool.exists("B1")).isTrue();
    }
}
