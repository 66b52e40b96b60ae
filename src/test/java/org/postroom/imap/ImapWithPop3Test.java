package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.RawPop3;
import org.postroom.testing.TestPostroom;

/**
 * POP3 and IMAP on one mailbox at once (issue 11: "as with Dovecot"): a message read over POP3 is \Seen over IMAP, one
 * deleted over POP3 is expunged for an IMAP session that has the folder selected, and IMAP's flags and expunges are
 * what the next POP3 session lists.
 */
class ImapWithPop3Test {
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

    @Test
    void readAndDeletedOverPop3IsSeenAndGoneOverImap() throws Exception {
        try (RawImap imap = server.login()) {
            imap.command("a SELECT INBOX").expectOk();
            try (RawPop3 pop = RawPop3.login(postroom.pop3Port(), "alice", TestPostroom.PASSWORD)) {
                pop.expectOk(pop.command("RETR 1"));
                pop.lines();
                pop.expectOk(pop.command("DELE 2"));
                pop.expectOk(pop.command("QUIT"));
            }
            assertThat(imap.command("b NOOP").expectOk().untagged()).containsExactly("* 2 EXPUNGE", "* 1 FETCH (FLAGS (\\Seen) UID 1)");
            assertThat(imap.command("c UID SEARCH UNSEEN").expectOk().untagged()).containsExactly("* SEARCH 3");
        }
    }

    @Test
    void imapChangesAreWhatTheNextPop3SessionLists() throws Exception {
        try (RawImap imap = server.login()) {
            imap.command("a SELECT INBOX").expectOk();
            imap.command("b STORE 1 +FLAGS.SILENT (\\Deleted)").expectOk();
            imap.command("c EXPUNGE").expectOk();
        }
        try (RawPop3 pop = RawPop3.login(postroom.pop3Port(), "alice", TestPostroom.PASSWORD)) {
            assertThat(pop.command("STAT")).startsWith("+OK 2 ");
            pop.expectOk(pop.command("RETR 1"));
            assertThat(String.join("\n", pop.lines())).contains("Subject: message 2");
        }
    }
}
