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
        assertThat(store.maildir(alice).usage()).isEqualTo(MESSAGE.length);
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
}
