package org.postroom.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;
import org.postroom.store.MaildirStore;
import org.postroom.store.folder.Folder;
import org.postroom.store.folder.MessageInfo;

/**
 * {@link SelectedMailbox} over the store's real, shared {@link Folder}: a delivery is news for a selected view, and
 * two views of one folder each learn of the other's changes, with the expunge held back where it must be.
 */
class SelectedMailboxFolderTest {
    static final MailAddress ALICE = new MailAddress("alice", "office.test");

    @TempDir
    Path dir;

    @Test
    void aDeliveryIsNewsAndTwoViewsSeeEachOthersChanges() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.office.test");
        deliver(store, "Subject: one\r\n\r\n1\r\n");
        Folder inbox = store.folders(ALICE).open("INBOX");
        SelectedMailbox a = SelectedMailbox.select(inbox, false, false);
        SelectedMailbox b = SelectedMailbox.select(store.folders(ALICE).open("INBOX"), false, false);
        try {
            assertThat(a.exists()).isEqualTo(1);
            a.refresh(true, false); // settle what happened around the select

            deliver(store, "Subject: two\r\n\r\n2\r\n");
            assertThat(a.needsSync()).as("the delivery reached the listener").isTrue();
            assertThat(a.refresh(true, false)).containsExactly(new MailboxUpdate.Exists(2));

            b.refresh(true, false);
            b.folder().store(List.of(b.uid(1)), new Folder.FlagChange(Folder.FlagChange.Mode.ADD, MessageInfo.DELETED, Set.of()), Long.MAX_VALUE);
            b.folder().expunge(List.of(b.uid(1)));
            assertThat(a.refresh(false, false)).isEmpty(); // during FETCH: held back
            assertThat(a.exists()).isEqualTo(2);
            assertThat(a.isExpunged(1)).isTrue();
            assertThat(a.refresh(true, false)).containsExactly(new MailboxUpdate.Expunge(1));
            assertThat(a.exists()).isEqualTo(1);
        } finally {
            a.close();
            b.close();
        }
    }

    private static void deliver(MaildirStore store, String message) throws Exception {
        store.deliver(List.of(ALICE), out -> out.write(message.getBytes(StandardCharsets.UTF_8)));
    }
}
