package org.postroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;

class MaildirStoreTest {
    @TempDir
    Path root;

    private static final byte[] MESSAGE = "Subject: test\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void oneMessageForTwoUsersIsOneFileLinkedTwice() throws Exception {
        MaildirStore store = new MaildirStore(root, "mx.test");
        MailAddress alice = new MailAddress("alice", "office.test");
        MailAddress bob = new MailAddress("Bob", "office.test");
        MaildirStore.Delivered delivered = store.deliver(List.of(alice, bob), out -> out.write(MESSAGE));

        Path forAlice = root.resolve("office.test/alice/new").resolve(delivered.fileName());
        Path forBob = root.resolve("office.test/bob/new").resolve(delivered.fileName());
        assertThat(forAlice).hasBinaryContent(MESSAGE);
        assertThat(forBob).hasBinaryContent(MESSAGE);
        assertThat(Files.getAttribute(forAlice, "unix:ino")).isEqualTo(Files.getAttribute(forBob, "unix:ino"));
        assertThat(delivered.fileName()).endsWith(",S=" + MESSAGE.length);
        assertThat(root.resolve("office.test/alice/tmp")).isEmptyDirectory();
        assertThat(store.usage(alice)).isEqualTo(MESSAGE.length);
    }

    @Test
    void localPartsCannotEscapeTheMailFolder() {
        MaildirStore store = new MaildirStore(root, "mx.test");
        Path path = store.maildir(new MailAddress("../../etc/x", "office.test")).root();
        assertThat(path.normalize().startsWith(root.resolve("office.test"))).isTrue();
        assertThat(path.getFileName().toString()).isEqualTo("%2E.%2F..%2Fetc%2Fx");
    }

    @Test
    void leftoversInTmpAreRemovedOnStartAndNothingElse() throws Exception {
        MaildirStore store = new MaildirStore(root, "mx.test");
        MailAddress alice = new MailAddress("alice", "office.test");
        store.deliver(List.of(alice), out -> out.write(MESSAGE));
        Files.writeString(root.resolve("office.test/alice/tmp/half-written"), "Subject: cut");

        assertThat(new MaildirStore(root, "mx.test").removeLeftovers()).isEqualTo(1);
        assertThat(root.resolve("office.test/alice/tmp")).isEmptyDirectory();
        assertThat(Files.list(root.resolve("office.test/alice/new")).count()).isEqualTo(1);
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws Exception {
        MaildirStore store = new MaildirStore(root, "mx.test");
        MailAddress alice = new MailAddress("alice", "office.test");
        try {
            store.deliver(List.of(alice), out -> {
                out.write(MESSAGE);
                throw new java.io.IOException("No space left on device");
            });
        } catch (java.io.IOException expected) {
            assertThat(expected).hasMessageContaining("No space");
        }
        assertThat(root.resolve("office.test/alice/tmp")).isEmptyDirectory();
        assertThat(root.resolve("office.test/alice/new")).isEmptyDirectory();
    }

    @Test
    void aPreparedDeliveryIsSyncedInTmpAndInNoMailboxUntilItIsCommitted() throws Exception {
        MaildirStore store = new MaildirStore(root, "mx.test");
        MailAddress alice = MailAddress.parse("alice@office.test");
        MailAddress bob = MailAddress.parse("bob@office.test");

        PreparedDelivery prepared = store.prepare(List.of(alice, bob), out -> out.write(MESSAGE));

        assertThat(prepared.filing().tmpFile()).hasBinaryContent(MESSAGE).hasParent(store.maildir(alice).tmp());
        assertThat(prepared.filing().destinations()).containsExactly(store.maildir(alice).newDir().resolve(prepared.fileName()),
                store.maildir(bob).newDir().resolve(prepared.fileName()));
        assertThat(store.maildir(alice).messages()).isEmpty();
        assertThat(store.maildir(bob).messages()).isEmpty();

        prepared.commit();
        prepared.abort(); // too late: a committed delivery stays

        assertThat(store.maildir(alice).messages()).singleElement().satisfies(m -> assertThat(m.file()).hasBinaryContent(MESSAGE));
        assertThat(store.maildir(bob).messages()).hasSize(1);
        assertThat(store.maildir(alice).tmp()).isEmptyDirectory();
        assertThat(prepared.size()).isEqualTo(MESSAGE.length);
    }

    @Test
    void anAbortedDeliveryLeavesNothingAndCannotBeCommitted() throws Exception {
        MaildirStore store = new MaildirStore(root, "mx.test");
        MailAddress alice = MailAddress.parse("alice@office.test");

        PreparedDelivery prepared = store.prepare(List.of(alice), out -> out.write(MESSAGE));
        prepared.abort();

        assertThat(store.maildir(alice).tmp()).isEmptyDirectory();
        assertThat(store.maildir(alice).messages()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(prepared::commit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRecordedDeliveryWhoseCommitFailsKeepsItsTmpFileAndFinishFilingCompletesItOnce() throws Exception {
        MaildirStore store = new MaildirStore(root, "mx.test");
        MailAddress alice = MailAddress.parse("alice@office.test");
        MailAddress bob = MailAddress.parse("bob@office.test");
        // bob's new/ becomes a file, not a folder (after the store has seen his Maildir): the commit's link fails after
        // the caller recorded the delivery.
        store.deliver(List.of(bob), out -> out.write("Subject: first\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        Path first = store.maildir(bob).messages().getFirst().file();
        Files.move(first, store.maildir(bob).cur().resolve(first.getFileName()));
        Files.delete(store.maildir(bob).newDir());
        Files.writeString(store.maildir(bob).newDir(), "in the way");
        PreparedDelivery prepared = store.prepare(List.of(alice, bob),
                out -> out.write("Subject: p\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
        PreparedDelivery.Filing recorded = prepared.filing();
        try {
            prepared.commit();
            throw new AssertionError("the link into bob's new/ should have failed");
        } catch (java.io.IOException expected) {
            // as arranged; the caller recorded the delivery, so it does not abort
        }
        assertThat(recorded.tmpFile()).exists();
        assertThat(store.maildir(alice).messages()).hasSize(1);

        // The way is clear again; alice has meanwhile read hers (moved to cur/): she must not get a second copy.
        Files.delete(store.maildir(bob).newDir());
        store.maildir(bob).create();
        Path unread = store.maildir(alice).messages().getFirst().file();
        Files.move(unread, store.maildir(alice).cur().resolve(unread.getFileName() + ":2,S"));
        MaildirStore.finishFiling(recorded.tmpFile(), recorded.destinations());
        MaildirStore.finishFiling(recorded.tmpFile(), recorded.destinations());

        assertThat(recorded.tmpFile()).doesNotExist();
        assertThat(store.maildir(alice).messages()).hasSize(1);
        assertThat(store.maildir(bob).messages()).hasSize(2);
    }

    @Test
    void aFailedCommitThatIsAbortedRemovesItsTmpFile() throws Exception {
        MaildirStore store = new MaildirStore(root, "mx.test");
        MailAddress alice = MailAddress.parse("alice@office.test");
        store.deliver(List.of(alice), out -> out.write(MESSAGE));
        Files.move(store.maildir(alice).messages().getFirst().file(), store.maildir(alice).cur().resolve("read"));
        Files.delete(store.maildir(alice).newDir());
        Files.writeString(store.maildir(alice).newDir(), "in the way");

        PreparedDelivery prepared = store.prepare(List.of(alice), out -> out.write(MESSAGE));
        org.assertj.core.api.Assertions.assertThatThrownBy(prepared::commit).isInstanceOf(java.io.IOException.class);
        prepared.abort();

        assertThat(store.maildir(alice).tmp()).isEmptyDirectory();
    }
}
