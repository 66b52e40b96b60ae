package org.postroom.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;
import org.postroom.message.SpooledMessage;
import org.postroom.queue.OutboundQueue;
import org.postroom.queue.Spool;
import org.postroom.store.MaildirStore;

/**
 * Intake's delivery transaction: {@link Intake#prepare} writes and syncs a copy for the local mailboxes and one for
 * the queue, visible in neither, so that a caller can record the delivery before {@link Intake.Delivery#commit};
 * {@link Intake.Delivery#abort} leaves nothing behind.
 */
class IntakeTransactionTest {
    private static final MailAddress ALICE = MailAddress.parse("alice@office.test");
    private static final MailAddress OUTSIDE = MailAddress.parse("carol@remote.test");

    @TempDir
    Path data;

    private MaildirStore store;
    private Spool spool;
    private Intake intake;

    @BeforeEach
    void setUp() throws Exception {
        store = new MaildirStore(data.resolve("mail"), "mx.office.test");
        spool = new Spool(data.resolve("queue"));
        spool.create();
        intake = new Intake(store, Optional.of(new OutboundQueue(spool, Clock.systemUTC())), "mx.office.test", 30, Clock.systemUTC());
    }

    private static Envelope forAliceAndOutside() {
        User alice = new User(1, ALICE, "Alice", true, false, 0, true, false);
        return new Envelope(Optional.of(MailAddress.parse("bob@office.test")),
                List.of(new Envelope.Recipient(ALICE, Set.of(alice)), new Envelope.Recipient(OUTSIDE, Set.of(), Set.of(OUTSIDE))));
    }

    private SpooledMessage message() throws Exception {
        SpooledMessage message = new SpooledMessage(data.resolve("tmp"), 1 << 16);
        message.write("Subject: both\r\nMessage-ID: <t@office.test>\r\n\r\nfor alice and carol\r\n".getBytes(StandardCharsets.US_ASCII));
        return message;
    }

    @Test
    void aPreparedMessageIsSyncedForEveryTargetAndVisibleInNoneUntilTheCallerCommits() throws Exception {
        try (SpooledMessage message = message()) {
            Intake.Delivery delivery = (Intake.Delivery) intake.prepare(forAliceAndOutside(), message, Arrival.internal());

            // What the caller records between prepare and commit: the synced local copy and where it goes.
            Path tmpFile = delivery.localFiling().orElseThrow().tmpFile();
            assertThat(Files.readString(tmpFile)).contains("Return-Path: <bob@office.test>", "for alice and carol");
            assertThat(delivery.localFiling().orElseThrow().destinations()).singleElement()
                    .satisfies(p -> assertThat(p.getParent()).isEqualTo(store.maildir(ALICE).newDir()));
            assertThat(store.maildir(ALICE).messages()).isEmpty();
            assertThat(spool.ids()).isEmpty();

            IntakeResult.Accepted accepted = delivery.commit();

            assertThat(accepted.id()).isEqualTo(delivery.id());
            assertThat(store.maildir(ALICE).messages()).hasSize(1);
            assertThat(spool.ids()).containsExactly(delivery.id());
            assertThat(tmpFile).doesNotExist();
        }
    }

    @Test
    void anAbortedDeliveryLeavesNoMailboxCopyNoQueueFileAndNoTmpFile() throws Exception {
        try (SpooledMessage message = message()) {
            Intake.Delivery delivery = (Intake.Delivery) intake.prepare(forAliceAndOutside(), message, Arrival.internal());

            delivery.abort();

            assertThat(store.maildir(ALICE).messages()).isEmpty();
            assertThat(store.maildir(ALICE).tmp()).isEmptyDirectory();
            assertThat(spool.ids()).isEmpty();
            try (var staged = Files.list(spool.dir().resolve("tmp"))) {
                assertThat(staged).isEmpty();
            }
        }
    }

    @Test
    void aLoopingMessageIsNotPrepared() throws Exception {
        try (SpooledMessage message = new SpooledMessage(data.resolve("tmp"), 1 << 16)) {
            message.write("Received: from a\r\n".repeat(31).getBytes(StandardCharsets.US_ASCII));
            message.write("\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(intake.prepare(forAliceAndOutside(), message, Arrival.internal())).isEqualTo(new IntakeResult.Loop(31));
            assertThat(store.maildir(ALICE).messages()).isEmpty();
            assertThat(spool.ids()).isEmpty();
        }
    }

    @Test
    void receiveIsPrepareThenCommit() throws Exception {
        try (SpooledMessage message = message()) {
            IntakeResult result = intake.receive(forAliceAndOutside(), message, Arrival.internal());

            assertThat(result).isInstanceOf(IntakeResult.Accepted.class);
            assertThat(store.maildir(ALICE).messages()).hasSize(1);
            assertThat(spool.ids()).containsExactly(((IntakeResult.Accepted) result).id());
        }
    }
}
