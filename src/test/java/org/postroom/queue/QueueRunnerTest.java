package org.postroom.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;
import org.postroom.queue.DeliveryAgent.Outcome;
import org.postroom.testing.MutableClock;

/**
 * The runner against a recording delivery agent and notice sender, on a clock that only the test moves: the
 * retry schedule, expiry, delay notices, bounces and who receives them, restarts, and the administrator's
 * requests while it runs.
 */
class QueueRunnerTest {
    private static final MailAddress SENDER = MailAddress.parse("alice@office.test");
    private static final MailAddress BOB = MailAddress.parse("bob@example.com");
    private static final MailAddress CAROL = MailAddress.parse("carol@example.com");
    private static final RetrySchedule SCHEDULE = new RetrySchedule(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(5), Duration.ofHours(4));
    private static final Diagnosis BUSY = Diagnosis.reply(new org.postroom.smtp.SmtpReply(451, "4.3.0", "busy"), "smarthost:587");
    private static final Diagnosis NO_SUCH = Diagnosis.reply(new org.postroom.smtp.SmtpReply(550, "5.1.1", "no such user"), "smarthost:587");
    private static final Diagnosis OK = Diagnosis.reply(new org.postroom.smtp.SmtpReply(250, "2.0.0", "queued"), "smarthost:587");

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock();
    final FakeAgent agent = new FakeAgent();
    final Notes notes = new Notes();
    Spool spool;
    OutboundQueue queue;
    QueueRunner runner;

    /** Answers each recipient as the test says, and records every attempt. */
    static final class FakeAgent implements DeliveryAgent {
        volatile Function<MailAddress, Outcome> answer = r -> new Outcome.Delivered(OK);
        final List<Outgoing> attempts = new CopyOnWriteArrayList<>();
        /** The bytes each attempt would have sent, by message id. */
        final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

        @Override
        public Session open() {
            return new Session() {
                @Override
                public List<Outcome> send(Outgoing message) {
                    try (InputStream in = message.body().open()) {
                        bodies.put(message.id(), in.readAllBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    attempts.add(message);
                    return message.recipients().stream().map(r -> answer.apply(r)).toList();
                }

                @Override
                public boolean reusable() {
                    return true;
                }

                @Override
                public void close() {}
            };
        }
    }

    /** Records notices instead of sending them. */
    static final class Notes implements NoticeSender {
        record Note(MailAddress to, String text, QueueEntry.Kind kind) {}

        final List<Note> sent = new CopyOnWriteArrayList<>();
        volatile Result answer = new Result.Sent("N1");

        @Override
        public Result send(MailAddress to, byte[] message, QueueEntry.Kind kind) {
            sent.add(new Note(to, new String(message, StandardCharsets.UTF_8), kind));
            return answer;
        }

        @Override
        public MailAddress postmaster() {
            return MailAddress.parse("postmaster@office.test");
        }
    }

    void start() throws IOException {
        spool = new Spool(dir.resolve("queue"));
        queue = new OutboundQueue(spool, clock);
        runner = new QueueRunner(spool, agent, SCHEDULE, clock, notes, "mx.office.test", 2, 10);
        runner.start();
    }

    @AfterEach
    void stop() {
        if (runner != null) runner.close();
    }

    static final String MESSAGE = "Subject: test\r\nMessage-ID: <m@office.test>\r\n\r\nhello\r\n";

    String enqueue(String id, Optional<MailAddress> sender, QueueEntry.Kind kind, MailAddress... to) throws IOException {
        List<OutboundQueue.Target> targets = new ArrayList<>();
        for (MailAddress a : to) targets.add(new OutboundQueue.Target(a, Optional.empty()));
        queue.stage(id, sender, targets, kind, out -> out.write(MESSAGE.getBytes(StandardCharsets.US_ASCII))).commit();
        return id;
    }

    String enqueue(String id, MailAddress... to) throws IOException {
        return enqueue(id, Optional.of(SENDER), QueueEntry.Kind.MESSAGE, to);
    }

    QueueEntry entry(String id) throws IOException {
        return spool.read(id).orElseThrow();
    }

    void awaitAttempts(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.attempts.size() >= n);
    }

    void advanceAndWake(Duration by) {
        clock.advance(by);
        runner.wake();
    }

    @Test
    void aDeliveredMessageLeavesTheQueue() throws Exception {
        start();
        enqueue("A1", BOB, CAROL);
        await().atMost(Duration.ofSeconds(10)).until(() -> !spool.exists("A1"));
        assertThat(agent.attempts).hasSize(1);
        assertThat(agent.attempts.getFirst().recipients()).containsExactly(BOB, CAROL);
        assertThat(Files.exists(spool.messageFile("A1"))).isFalse();
        assertThat(notes.sent).isEmpty();
    }

    @Test
    void retriesFollowTheScheduleOnTheClock() throws Exception {
        agent.answer = r -> new Outcome.Deferred(BUSY);
        start();
        Instant t0 = clock.instant();
        enqueue("R1", BOB);
        awaitAttempts(1);
        await().until(() -> entry("R1").recipients().getFirst().attempts() == 1);
        assertThat(entry("R1").recipients().getFirst().state()).isEqualTo(RecipientState.DEFERRED);
        assertThat(entry("R1").nextAttempt()).contains(t0.plus(Duration.ofMinutes(5)));
        assertThat(runner.schedule()).containsEntry("R1", t0.plus(Duration.ofMinutes(5)));

        // Not due yet: nothing happens however often the runner looks.
        advanceAndWake(Duration.ofMinutes(4));
        runner.wake();
        assertThat(runner.schedule()).containsEntry("R1", t0.plus(Duration.ofMinutes(5)));
        assertThat(agent.attempts).hasSize(1);

        // 5, then 10, 20, 40, 60, 60 minutes.
        Instant expected = t0.plus(Duration.ofMinutes(5));
        long[] waits = {10, 20, 40, 60, 60};
        for (int i = 0; i < waits.length; i++) {
            clock.advance(Duration.between(clock.instant(), expected));
            runner.wake();
            awaitAttempts(i + 2);
            int attempts = i + 2;
            await().until(() -> entry("R1").recipients().getFirst().attempts() == attempts);
            expected = expected.plus(Duration.ofMinutes(waits[i]));
            assertThat(entry("R1").nextAttempt()).contains(expected);
        }
        assertThat(notes.sent).isEmpty(); // still under 4 hours: no delay notice
    }

    @Test
    void aLateMessageGetsOneDelayNoticeThenExpiresWithABounce() throws Exception {
        agent.answer = r -> new Outcome.Deferred(BUSY);
        start();
        enqueue("D1", BOB);
        awaitAttempts(1);
        await().until(() -> entry("D1").attempts() == 1);

        advanceAndWake(Duration.ofHours(4).plusMinutes(1));
        awaitAttempts(2);
        await().until(() -> entry("D1").delayNoticeSent());
        assertThat(notes.sent).hasSize(1);
        assertThat(notes.sent.getFirst().to()).isEqualTo(SENDER);
        assertThat(notes.sent.getFirst().text()).contains("Action: delayed", "Status: 4.3.0", "Will-Retry-Until: ", "Final-Recipient: rfc822; bob@example.com");

        advanceAndWake(Duration.ofHours(2));
        awaitAttempts(3);
        await().until(() -> entry("D1").attempts() == 3);
        assertThat(notes.sent).hasSize(1); // once only

        advanceAndWake(Duration.ofDays(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> !spool.exists("D1"));
        assertThat(notes.sent).hasSize(2);
        assertThat(notes.sent.get(1).text()).contains("Subject: Undelivered Mail Returned to Sender", "Action: failed", "Status: 4.3.0",
                "Diagnostic-Code: smtp; 451 4.3.0 busy", "gave up");
        assertThat(notes.sent.get(1).kind()).isEqualTo(QueueEntry.Kind.NOTICE);
    }

    @Test
    void permanentAndTemporaryFailuresPerRecipient() throws Exception {
        agent.answer = r -> r.equals(BOB) ? new Outcome.Failed(NO_SUCH) : new Outcome.Deferred(BUSY);
        start();
        enqueue("P1", BOB, CAROL);
        awaitAttempts(1);
        await().until(() -> notes.sent.size() == 1);
        QueueEntry e = entry("P1");
        assertThat(e.recipients().get(0).state()).isEqualTo(RecipientState.FAILED);
        assertThat(e.recipients().get(0).notified()).isTrue();
        assertThat(e.recipients().get(1).state()).isEqualTo(RecipientState.DEFERRED);
        assertThat(notes.sent.getFirst().text()).contains("Final-Recipient: rfc822; bob@example.com", "Status: 5.1.1")
                .doesNotContain("carol@example.com>:");

        // Carol's retry delivers: the message is done, and Bob's bounce is not sent again.
        agent.answer = r -> new Outcome.Delivered(OK);
        advanceAndWake(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> !spool.exists("P1"));
        assertThat(agent.attempts.get(1).recipients()).containsExactly(CAROL);
        assertThat(notes.sent).hasSize(1);
    }

    @Test
    void aConfigurationProblemIsNeverBouncedBeforeTheLifetimeEnds() throws Exception {
        Diagnosis login = Diagnosis.reply(new org.postroom.smtp.SmtpReply(535, "5.7.8", "bad credentials"), "smarthost:587");
        Diagnosis held = new Diagnosis("4.7.8", login.text(), login.remoteMta(), true, true);
        agent.answer = r -> new Outcome.Deferred(held);
        start();
        enqueue("C1", BOB);
        awaitAttempts(1);
        for (int i = 2; i <= 6; i++) {
            advanceAndWake(Duration.ofHours(1));
            awaitAttempts(i);
        }
        int attempts = agent.attempts.size();
        await().until(() -> entry("C1").attempts() == attempts);
        assertThat(entry("C1").recipients().getFirst().state()).isEqualTo(RecipientState.DEFERRED);
        assertThat(entry("C1").lastProblem().orElseThrow().configProblem()).isTrue();
        assertThat(notes.sent).extracting(Notes.Note::text).allMatch(t -> t.contains("Action: delayed"));
    }

    @Test
    void theNullSendersFailureGoesToThePostmasterAndAFailedPostmasterNoticeIsOnlyLogged() throws Exception {
        agent.answer = r -> new Outcome.Failed(NO_SUCH);
        start();
        enqueue("N1", Optional.empty(), QueueEntry.Kind.MESSAGE, BOB);
        await().atMost(Duration.ofSeconds(10)).until(() -> !spool.exists("N1"));
        assertThat(notes.sent).hasSize(1);
        assertThat(notes.sent.getFirst().to()).isEqualTo(MailAddress.parse("postmaster@office.test"));
        assertThat(notes.sent.getFirst().kind()).isEqualTo(QueueEntry.Kind.POSTMASTER_NOTICE);
        assertThat(notes.sent.getFirst().text()).contains("Subject: Postmaster notice: undeliverable mail");

        enqueue("N2", Optional.empty(), QueueEntry.Kind.NOTICE, BOB); // a bounce Postroom wrote, failing in turn
        await().atMost(Duration.ofSeconds(10)).until(() -> !spool.exists("N2"));
        assertThat(notes.sent).hasSize(2);
        assertThat(notes.sent.get(1).kind()).isEqualTo(QueueEntry.Kind.POSTMASTER_NOTICE);

        enqueue("N3", Optional.empty(), QueueEntry.Kind.POSTMASTER_NOTICE, BOB); // and that one fails: no loop
        await().atMost(Duration.ofSeconds(10)).until(() -> !spool.exists("N3"));
        assertThat(notes.sent).hasSize(2);
    }

    @Test
    void aBounceThatCannotBeStoredIsTriedAgainAndARefusedOneGoesToThePostmaster() throws Exception {
        agent.answer = r -> new Outcome.Failed(NO_SUCH);
        notes.answer = new NoticeSender.Result.TryLater("disk full");
        start();
        enqueue("B1", BOB);
        await().until(() -> notes.sent.size() == 1);
        await().until(() -> entry("B1").recipients().getFirst().state() == RecipientState.FAILED);
        assertThat(entry("B1").recipients().getFirst().notified()).isFalse();

        notes.answer = new NoticeSender.Result.Refused("unknown user");
        advanceAndWake(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> !spool.exists("B1"));
        // The refused bounce to the sender, then the postmaster notice (refused too: only logged).
        assertThat(notes.sent).extracting(Notes.Note::to).containsExactly(SENDER, SENDER, MailAddress.parse("postmaster@office.test"));
        assertThat(agent.attempts).hasSize(1);
    }

    @Test
    void aRestartPicksUpEveryQueuedMessageAndCleansUnfinishedFiles() throws Exception {
        agent.answer = r -> new Outcome.Deferred(BUSY);
        start();
        enqueue("S1", BOB);
        enqueue("S2", CAROL);
        awaitAttempts(2);
        await().until(() -> entry("S1").attempts() == 1 && entry("S2").attempts() == 1);
        runner.close();
        // What a crash can leave: a half-written file in tmp/ (a queue file and an envelope update), an envelope
        // whose message was being removed, a damaged message file, and a whole staged message whose rename a power
        // cut undid (it may have been acknowledged: it must be sent).
        Files.writeString(spool.tmp().resolve("X9.msg"), "half");
        Files.writeString(spool.tmp().resolve("X7.json"), "{\"version\": 1, \"id\": \"X7\", \"sen");
        Files.writeString(spool.dir().resolve("X6.json"), "{\"version\": 1, \"id\": \"X6\"}");
        Files.writeString(spool.dir().resolve("X8.msg"), "damaged");
        queue.stage("S3", Optional.of(SENDER), List.of(new OutboundQueue.Target(BOB, Optional.empty())), QueueEntry.Kind.MESSAGE,
                out -> out.write("Subject: staged\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(spool.exists("S3")).isFalse();

        agent.answer = r -> new Outcome.Delivered(OK);
        clock.advance(Duration.ofMinutes(5));
        runner = new QueueRunner(spool, agent, SCHEDULE, clock, notes, "mx.office.test", 2, 10);
        runner.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> spool.ids().isEmpty());
        assertThat(Files.exists(spool.tmp().resolve("X9.msg"))).isFalse();
        assertThat(Files.exists(spool.dir().resolve("X8.msg"))).isFalse();
        assertThat(Files.exists(spool.corrupt().resolve("X8.msg"))).isTrue();
        assertThat(Files.exists(spool.dir().resolve("X6.json"))).isFalse();
        assertThat(Files.exists(spool.tmp().resolve("X7.json"))).isFalse();
        assertThat(agent.attempts).extracting(DeliveryAgent.Outgoing::id).containsExactlyInAnyOrder("S1", "S2", "S1", "S2", "S3");
    }

    @Test
    void theBytesSentAreTheMessageWithoutItsEnvelope() throws Exception {
        start();
        enqueue("B1", BOB);
        awaitAttempts(1);
        assertThat(new String(agent.bodies.get("B1"), StandardCharsets.US_ASCII)).isEqualTo(MESSAGE);
    }

    @Test
    void messagesQueuedInTheOlderTwoFileLayoutAreStillSent() throws Exception {
        // Before November 2026: ID.msg held the message alone, ID.json its envelope; both were staged in tmp/,
        // synced, and renamed message first. OLD1 was queued; a power cut undid both renames of OLD2, and OLD3's second.
        Path queueDir = dir.resolve("queue");
        Files.createDirectories(queueDir.resolve("tmp"));
        Map<String, Path> places = Map.of("OLD1", queueDir, "OLD2", queueDir.resolve("tmp"), "OLD3", queueDir);
        for (Map.Entry<String, Path> older : places.entrySet()) {
            String id = older.getKey();
            byte[] message = ("Subject: " + id + "\r\n\r\nstill here\r\n").getBytes(StandardCharsets.US_ASCII);
            QueueEntry entry = new QueueEntry(id, Optional.of(SENDER), clock.instant(), message.length, QueueEntry.Kind.MESSAGE, false, false,
                    Optional.empty(), false, List.of(QueuedRecipient.pending(BOB, Optional.empty(), clock.instant())));
            Files.write(older.getValue().resolve(id + ".msg"), message);
            Path envelopeDir = id.equals("OLD1") ? queueDir : queueDir.resolve("tmp");
            Files.write(envelopeDir.resolve(id + ".json"), EnvelopeCodec.encode(entry));
        }
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> spool.ids().isEmpty() && agent.bodies.size() == 3);
        for (String id : places.keySet()) {
            assertThat(new String(agent.bodies.get(id), StandardCharsets.US_ASCII)).isEqualTo("Subject: " + id + "\r\n\r\nstill here\r\n");
        }
        try (var left = Files.list(queueDir)) {
            assertThat(left.map(p -> p.getFileName().toString())).doesNotContain("OLD1.json", "OLD2.json", "OLD3.json");
        }
    }

    @Test
    void answersNobodyReadAreRemoved() throws Exception {
        Path control = dir.resolve("queue").resolve("control");
        Files.createDirectories(control);
        Path stale = control.resolve("1-stale.reply");
        Path fresh = control.resolve("2-fresh.reply");
        Files.writeString(stale, "{}");
        Files.writeString(fresh, "{}");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(Instant.now().minus(AdminRequestDesk.STALE_REPLY).minusSeconds(60)));
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(stale));
        assertThat(fresh).exists();
    }

    @Test
    void administratorRequestsReachTheRunningRunner() throws Exception {
        agent.answer = r -> new Outcome.Deferred(BUSY);
        start();
        enqueue("H1", BOB);
        awaitAttempts(1);
        await().until(() -> entry("H1").attempts() == 1);

        AdminRequest.Reply held = QueueControl.submit(spool, new AdminRequest(AdminRequest.Action.HOLD, Optional.of("H1")), clock, Duration.ofSeconds(10));
        assertThat(held.ok()).as(held.message()).isTrue();
        assertThat(entry("H1").isHeld()).isTrue();
        advanceAndWake(Duration.ofHours(2));
        assertThat(runner.schedule()).doesNotContainKey("H1");

        agent.answer = r -> new Outcome.Delivered(OK);
        AdminRequest.Reply released = QueueControl.submit(spool, new AdminRequest(AdminRequest.Action.RELEASE, Optional.of("H1")), clock, Duration.ofSeconds(10));
        assertThat(released.ok()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !spool.exists("H1"));
        assertThat(agent.attempts).hasSize(2);

        agent.answer = r -> new Outcome.Deferred(BUSY);
        enqueue("H2", BOB);
        awaitAttempts(3);
        await().until(() -> entry("H2").attempts() == 1);
        AdminRequest.Reply bounced = QueueControl.submit(spool, new AdminRequest(AdminRequest.Action.BOUNCE, Optional.of("H2")), clock, Duration.ofSeconds(10));
        assertThat(bounced.ok()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !spool.exists("H2"));
        assertThat(notes.sent).hasSize(1);
        assertThat(notes.sent.getFirst().text()).contains("Status: 5.0.0", "returned to the sender by the postmaster");

        AdminRequest.Reply missing = QueueControl.submit(spool, new AdminRequest(AdminRequest.Action.DELETE, Optional.of("NOPE")), clock, Duration.ofSeconds(10));
        assertThat(missing.ok()).isFalse();
        assertThat(Collections.unmodifiableList(agent.attempts)).hasSize(3);
    }
}
