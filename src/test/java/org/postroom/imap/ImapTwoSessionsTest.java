package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.TestPostroom;

/**
 * Two sessions on one folder (issue 11, "Shared state per open folder"): each sees the other's flags, expunges and
 * the new mail, and only where RFC 3501 7.4.1 lets the server say so.
 */
class ImapTwoSessionsTest {
    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = server.start(dir);
        for (int n = 1; n <= 3; n++) postroom.deliver("alice", ImapTestServer.message(n));
    }

    RawImap selected() throws Exception {
        return server.selectInbox();
    }

    @Test
    void flagsSetInOneSessionReachTheOtherAtItsNextCommand() throws Exception {
        try (RawImap a = selected(); RawImap b = selected()) {
            b.command("b1 STORE 2 +FLAGS.SILENT (\\Answered)").expectOk();
            assertThat(a.command("a1 NOOP").expectOk().untagged()).containsExactly("* 2 FETCH (FLAGS (\\Answered) UID 2)");
        }
    }

    @Test
    void anExpungeIsNotSentDuringStoreButAtTheNextNoop() throws Exception {
        try (RawImap a = selected(); RawImap b = selected()) {
            b.command("b1 STORE 1 +FLAGS.SILENT (\\Deleted)").expectOk();
            b.command("b2 EXPUNGE").expectOk();
            // RFC 3501 7.4.1: not during STORE; message 3 is still number 3 for this client.
            RawImap.Result store = a.command("a1 STORE 3 +FLAGS (\\Seen)").expectOk();
            assertThat(store.untagged()).containsExactly("* 3 FETCH (FLAGS (\\Seen) UID 3)");
            assertThat(a.command("a2 NOOP").expectOk().untagged()).containsExactly("* 1 EXPUNGE");
            assertThat(a.command("a3 UID STORE 3 -FLAGS (\\Seen)").expectOk().untagged()).containsExactly("* 2 FETCH (FLAGS () UID 3)");
        }
    }

    @Test
    void aUidStoreMaySendTheExpunge() throws Exception {
        try (RawImap a = selected(); RawImap b = selected()) {
            b.command("b1 STORE 1 +FLAGS.SILENT (\\Deleted)").expectOk();
            b.command("b2 EXPUNGE").expectOk();
            RawImap.Result store = a.command("a1 UID STORE 3 +FLAGS (\\Seen)").expectOk();
            assertThat(store.untagged()).containsExactly("* 1 EXPUNGE", "* 2 FETCH (FLAGS (\\Seen) UID 3)");
        }
    }

    @Test
    void newMailIsOneExistsAndTheCountNeverGoesDownBeforeTheExpunge() throws Exception {
        try (RawImap a = selected(); RawImap b = selected()) {
            b.command("b1 STORE 1 +FLAGS.SILENT (\\Deleted)").expectOk();
            b.command("b2 EXPUNGE").expectOk();
            postroom.deliver("alice", ImapTestServer.message(4));
            // During STORE: the new message counts on top of the held-back one (4, not 3).
            RawImap.Result store = a.command("a1 STORE 2 +FLAGS.SILENT (\\Seen)").expectOk();
            assertThat(store.untagged()).contains("* 4 EXISTS").noneMatch(line -> line.endsWith("EXPUNGE"));
            assertThat(a.command("a2 NOOP").expectOk().untagged()).containsExactly("* 1 EXPUNGE");
        }
    }

    @Test
    void anExpungeByOneSessionWhileTheOtherIsUnselectedIsNoNewsAtSelect() throws Exception {
        try (RawImap a = selected(); RawImap b = selected()) {
            a.command("a1 UNSELECT").expectOk();
            b.command("b1 STORE 1:3 +FLAGS.SILENT (\\Deleted)").expectOk();
            b.command("b2 CLOSE").expectOk();
            assertThat(a.command("a2 SELECT INBOX").untagged()).contains("* 0 EXISTS").noneMatch(line -> line.endsWith("EXPUNGE"));
        }
    }

    @Test
    void aFolderDeletedUnderASessionEndsItWithBye() throws Exception {
        try (RawImap a = server.login(); RawImap b = selected()) {
            b.command("b1 CREATE Work").expectOk();
            b.command("b2 COPY 1 Work").expectOk();
            a.command("a1 SELECT Work").expectOk();
            b.command("b3 DELETE Work").expectOk();
            a.send("a2 NOOP\r\n");
            assertThat(a.line()).isEqualTo("* BYE The mailbox no longer exists; please reconnect.");
            assertThat(a.isClosedByServer()).isTrue();
        }
    }
}
