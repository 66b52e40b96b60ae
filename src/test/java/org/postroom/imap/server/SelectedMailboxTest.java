package org.postroom.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postroom.store.folder.FolderSnapshot;
import org.postroom.store.folder.MessageInfo;

/**
 * The update rules of the selected state (RFC 3501 7.4.1, 7.3.1), on snapshots as the store makes them. The socket
 * level is covered by the transcript tests; here each rule alone.
 */
class SelectedMailboxTest {
    private static final long VALIDITY = 1700000000L;

    private static MessageInfo message(long uid, int flags, long modSeq) {
        return new MessageInfo(uid, "m" + uid, 100, flags, 0, modSeq);
    }

    private static FolderSnapshot snapshot(long uidNext, MessageInfo... messages) {
        long highest = 1;
        for (MessageInfo m : messages) highest = Math.max(highest, m.modSeq());
        return new FolderSnapshot(VALIDITY, uidNext, highest, List.of(messages), List.of());
    }

    private static List<Long> uids(SelectedMailbox mailbox) {
        List<Long> uids = new ArrayList<>();
        for (int n = 1; n <= mailbox.exists(); n++) uids.add(mailbox.uid(n));
        return uids;
    }

    @Test
    void mapsSequenceNumbersToUidsBothWays() {
        SelectedMailbox mailbox = SelectedMailbox.of(snapshot(20, message(3, 0, 1), message(7, 0, 1), message(12, 0, 1)), false);
        assertThat(mailbox.exists()).isEqualTo(3);
        assertThat(mailbox.uid(2)).isEqualTo(7);
        assertThat(mailbox.sequenceOf(12)).isEqualTo(3);
        assertThat(mailbox.sequenceOf(8)).isZero();
        assertThat(mailbox.firstSequenceFrom(4)).isEqualTo(2);
        assertThat(mailbox.firstSequenceFrom(13)).isEqualTo(4);
        assertThat(mailbox.lastSequenceUpTo(11)).isEqualTo(2);
        assertThat(mailbox.lastSequenceUpTo(2)).isZero();
        assertThat(mailbox.lastUid()).isEqualTo(12);
    }

    @Test
    void newMessagesAreOneExists() {
        SelectedMailbox mailbox = SelectedMailbox.of(snapshot(3, message(1, 0, 1), message(2, 0, 1)), false);
        List<MailboxUpdate> updates = mailbox.sync(snapshot(5, message(1, 0, 1), message(2, 0, 1), message(3, 0, 2), message(4, 0, 3)), false, false);
        assertThat(updates).containsExactly(new MailboxUpdate.Exists(4));
        assertThat(uids(mailbox)).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void expungesAreNumberedAfterTheOnesBeforeThem() {
        SelectedMailbox mailbox = SelectedMailbox.of(snapshot(6, message(1, 0, 1), message(2, 0, 1), message(3, 0, 1), message(4, 0, 1), message(5, 0, 1)), false);
        // UIDs 2 and 4 gone: sequence 2, then (4 renumbered to 3) 3.
        List<MailboxUpdate> updates = mailbox.sync(snapshot(6, message(1, 0, 1), message(3, 0, 1), message(5, 0, 1)), true, false);
        assertThat(updates).containsExactly(new MailboxUpdate.Expunge(2), new MailboxUpdate.Expunge(3));
        assertThat(uids(mailbox)).containsExactly(1L, 3L, 5L);
    }

    @Test
    void expungeHeldBackWhereNotAllowedAndSentLater() {
        SelectedMailbox mailbox = SelectedMailbox.of(snapshot(4, message(1, 0, 1), message(2, 0, 1), message(3, 0, 1)), false);
        FolderSnapshot gone = snapshot(5, message(1, 0, 1), message(3, 0, 1), message(4, 0, 2));
        // During FETCH: no EXPUNGE, and EXISTS counts the held-back message (7.3.1: never decreasing).
        assertThat(mailbox.sync(gone, false, false)).containsExactly(new MailboxUpdate.Exists(4));
        assertThat(uids(mailbox)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(mailbox.isExpunged(2)).isTrue();
        assertThat(mailbox.isExpunged(3)).isFalse();
        assertThat(mailbox.needsSync()).isTrue();
        // Still held during the next FETCH, sent at the first command that allows it.
        assertThat(mailbox.sync(gone, false, false)).isEmpty();
        assertThat(mailbox.sync(gone, true, false)).containsExactly(new MailboxUpdate.Expunge(2));
        assertThat(uids(mailbox)).containsExactly(1L, 3L, 4L);
        assertThat(mailbox.needsSync()).isFalse();
    }

    @Test
    void expungeAndNewMessageTogetherGiveExpungeThenExists() {
        SelectedMailbox mailbox = SelectedMailbox.of(snapshot(3, message(1, 0, 1), message(2, 0, 1)), false);
        List<MailboxUpdate> updates = mailbox.sync(snapshot(4, message(2, 0, 1), message(3, 0, 2)), true, false);
        assertThat(updates).containsExactly(new MailboxUpdate.Expunge(1), new MailboxUpdate.Exists(2));
    }

    @Test
    void changedFlagsAreAFetchAtTheRenumberedSequence() {
        SelectedMailbox mailbox = SelectedMailbox.of(snapshot(4, message(1, 0, 1), message(2, 0, 1), message(3, 0, 1)), false);
        MessageInfo seen = message(3, MessageInfo.SEEN, 5);
        List<MailboxUpdate> updates = mailbox.sync(snapshot(4, message(2, 0, 1), seen), true, false);
        assertThat(updates).containsExactly(new MailboxUpdate.Expunge(1), new MailboxUpdate.FlagsChanged(2, seen));
        assertThat(mailbox.message(2).has(MessageInfo.SEEN)).isTrue();
    }

    @Test
    void aModSeqAloneIsNewsOnlyWithCondstore() {
        SelectedMailbox plain = SelectedMailbox.of(snapshot(2, message(1, 0, 1)), false);
        assertThat(plain.sync(snapshot(2, message(1, 0, 7)), true, false)).isEmpty();
        SelectedMailbox condstore = SelectedMailbox.of(snapshot(2, message(1, 0, 1)), false);
        assertThat(condstore.sync(snapshot(2, message(1, 0, 7)), true, true)).containsExactly(new MailboxUpdate.FlagsChanged(1, message(1, 0, 7)));
    }

    @Test
    void acknowledgedFlagsAreNotReportedAgain() {
        SelectedMailbox mailbox = SelectedMailbox.of(snapshot(3, message(1, 0, 1), message(2, 0, 1)), false);
        MessageInfo flagged = message(2, MessageInfo.FLAGGED, 2);
        mailbox.acknowledge(List.of(flagged));
        assertThat(mailbox.sync(snapshot(3, message(1, 0, 1), flagged), true, true)).isEmpty();
    }

    @Test
    void newKeywordsAreAnnounced() {
        SelectedMailbox mailbox = SelectedMailbox.of(snapshot(2, message(1, 0, 1)), false);
        FolderSnapshot withKeyword = new FolderSnapshot(VALIDITY, 2, 2, List.of(new MessageInfo(1, "m1", 100, 0, 1, 2)), List.of("$Junk"));
        assertThat(mailbox.sync(withKeyword, true, false)).containsExactly(
                new MailboxUpdate.KeywordsChanged(List.of("$Junk")), new MailboxUpdate.FlagsChanged(1, withKeyword.messages().getFirst()));
        assertThat(mailbox.keywords()).containsExactly("$Junk");
    }

    @Test
    void aNewUidValiditySaysTheViewIsVoid() {
        SelectedMailbox mailbox = SelectedMailbox.of(snapshot(2, message(1, 0, 1)), false);
        FolderSnapshot remade = new FolderSnapshot(VALIDITY + 1, 2, 1, List.of(message(1, 0, 1)), List.of());
        assertThat(mailbox.sync(remade, true, false)).containsExactly(new MailboxUpdate.UidValidityChanged(VALIDITY + 1));
    }

    @Test
    void theViewSharesTheSnapshotsListWhenNothingIsHeldBack() {
        FolderSnapshot first = snapshot(3, message(1, 0, 1), message(2, 0, 1));
        SelectedMailbox mailbox = SelectedMailbox.of(first, false);
        FolderSnapshot second = snapshot(4, message(1, 0, 1), message(2, 0, 1), message(3, 0, 2));
        mailbox.sync(second, true, false);
        // A thousand idling sessions on one folder hold one list between them.
        SelectedMailbox other = SelectedMailbox.of(first, false);
        other.sync(second, true, false);
        assertThat(mailbox.exists()).isEqualTo(3);
        assertThat(mailbox.message(3)).isSameAs(other.message(3));
    }

    @Test
    void aHundredThousandMessagesSyncQuickly() {
        MessageInfo[] all = new MessageInfo[100_000];
        for (int i = 0; i < all.length; i++) all[i] = message(i + 1, 0, 1);
        SelectedMailbox mailbox = SelectedMailbox.of(snapshot(100_001, all), false);
        MessageInfo[] fewer = java.util.Arrays.copyOfRange(all, 1, all.length);
        long start = System.nanoTime();
        List<MailboxUpdate> updates = mailbox.sync(snapshot(100_001, fewer), true, false);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(updates).containsExactly(new MailboxUpdate.Expunge(1));
        assertThat(mailbox.sequenceOf(100_000)).isEqualTo(99_999);
        assertThat(millis).as("sync of 100,000 messages, ms").isLessThan(500);
    }
}
