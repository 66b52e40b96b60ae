package org.postroom.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.SequenceSet;
import org.postroom.store.folder.FolderSnapshot;
import org.postroom.store.folder.MessageInfo;

/** Sequence sets resolved against a mailbox (RFC 3501 6.4.8 and 9): by number and by UID, {@code *}, overlaps. */
class MessageSetTest {
    private static SelectedMailbox mailbox(long... uids) {
        List<MessageInfo> messages = new java.util.ArrayList<>();
        for (long uid : uids) messages.add(new MessageInfo(uid, "m" + uid, 10, 0, 0, 1));
        return SelectedMailbox.of(new FolderSnapshot(1, uids.length == 0 ? 1 : uids[uids.length - 1] + 1, 1, messages, List.of()), false);
    }

    private static int[] resolve(String set, boolean byUid, SelectedMailbox mailbox) throws ImapSyntaxException {
        return MessageSet.resolve(SequenceSet.parse(set), byUid, mailbox);
    }

    @Test
    void sequenceNumbersWithStarAndOverlapsComeOnceInOrder() throws Exception {
        SelectedMailbox m = mailbox(4, 9, 12, 20, 31);
        assertThat(resolve("1:*", false, m)).containsExactly(1, 2, 3, 4, 5);
        assertThat(resolve("4,2:3,3:2,*", false, m)).containsExactly(2, 3, 4, 5);
        assertThat(resolve("*:4", false, m)).containsExactly(4, 5);
        assertThatThrownBy(() -> resolve("6", false, m)).isInstanceOf(ImapSyntaxException.class);
        assertThatThrownBy(() -> resolve("2:7", false, m)).isInstanceOf(ImapSyntaxException.class);
    }

    @Test
    void uidsThatAreNotThereAreNothingAndNStarAlwaysHasTheLast() throws Exception {
        SelectedMailbox m = mailbox(4, 9, 12, 20, 31);
        assertThat(resolve("1:*", true, m)).containsExactly(1, 2, 3, 4, 5);
        assertThat(resolve("5:8,13:19", true, m)).isEmpty();
        assertThat(resolve("9,20", true, m)).containsExactly(2, 4);
        assertThat(resolve("10:20", true, m)).containsExactly(3, 4);
        assertThat(resolve("100:*", true, m)).containsExactly(5); // RFC 3501 6.4.8
        assertThat(resolve("1:4294967295", true, m)).hasSize(5);
    }

    @Test
    void anEmptyFolderNamesNothingForStarAndUids() throws Exception {
        SelectedMailbox m = mailbox();
        assertThat(resolve("1:*", false, m)).isEmpty();
        assertThat(resolve("1:*", true, m)).isEmpty();
        assertThat(resolve("7", true, m)).isEmpty();
        assertThatThrownBy(() -> resolve("1", false, m)).isInstanceOf(ImapSyntaxException.class);
    }
}
