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
 * CONDSTORE (RFC 7162) in the selected state: announced and ENABLEd, HIGHESTMODSEQ at SELECT, FETCH MODSEQ and
 * CHANGEDSINCE, SEARCH MODSEQ, MODSEQ in every flag update once enabled (another session's, and the \Seen a body fetch
 * sets). STORE UNCHANGEDSINCE is in {@link ImapSelectedTranscriptTest}.
 */
class ImapCondstoreTest {
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

    static long highestModSeq(RawImap.Result select) {
        return Long.parseLong(select.matching("\\* OK \\[HIGHESTMODSEQ \\d+].*").getFirst().replaceAll("\\D", ""));
    }

    @Test
    void enabledItChangesWhatFetchAndUpdatesSay() throws Exception {
        try (RawImap imap = server.login();
                RawImap other = server.login()) {
            assertThat(imap.command("a CAPABILITY").expectOk().untagged().getFirst()).contains(" CONDSTORE");
            assertThat(imap.command("b ENABLE CONDSTORE").expectOk().untagged()).containsExactly("* ENABLED CONDSTORE");
            long before = highestModSeq(imap.command("c SELECT INBOX").expectOk());
            other.command("o1 SELECT INBOX").expectOk();
            other.command("o2 STORE 2 +FLAGS.SILENT (\\Flagged)").expectOk();
            // Another session's change: the flag update carries the new MODSEQ.
            String update = imap.command("d NOOP").expectOk().untagged().getFirst();
            assertThat(update).matches("\\* 2 FETCH \\(FLAGS \\(\\\\Flagged\\) UID 2 MODSEQ \\((\\d+)\\)\\)");
            long flagged = Long.parseLong(update.replaceAll(".*MODSEQ \\((\\d+)\\).*", "$1"));
            assertThat(flagged).isGreaterThan(before);

            assertThat(imap.command("e FETCH 1:* (FLAGS) (CHANGEDSINCE " + before + ")").expectOk().untagged())
                    .containsExactly("* 2 FETCH (FLAGS (\\Flagged) MODSEQ (" + flagged + "))");
            assertThat(imap.command("f UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + flagged + ")").expectOk().untagged()).isEmpty();
            assertThat(imap.command("g SEARCH MODSEQ " + (before + 1)).expectOk().untagged()).containsExactly("* SEARCH 2 (MODSEQ " + flagged + ")");
            assertThat(imap.command("h UID SEARCH FLAGGED").expectOk().untagged()).containsExactly("* SEARCH 2");

            // A body fetch that sets \Seen says UID and MODSEQ (RFC 7162 3.1).
            String seen = imap.command("i FETCH 3 (BODY[TEXT])").expectOk().untagged().getFirst();
            assertThat(seen).matches("(?s)\\* 3 FETCH \\(BODY\\[TEXT] \\{8}\r\nbody 3\r\n FLAGS \\(\\\\Seen\\) UID 3 MODSEQ \\(\\d+\\)\\)");
        }
    }

    @Test
    void examineWithCondstoreAndTheFetchItemEnableItForTheSession() throws Exception {
        try (RawImap imap = server.login()) {
            RawImap.Result examine = imap.command("a EXAMINE INBOX (CONDSTORE)").expectOk();
            long highest = highestModSeq(examine);
            assertThat(imap.command("b FETCH 1 (UID MODSEQ)").expectOk().untagged()).singleElement().asString()
                    .matches("\\* 1 FETCH \\(UID 1 MODSEQ \\(\\d+\\)\\)");
            assertThat(imap.command("c FETCH 1 (MODSEQ)").expectOk().untagged().getFirst().replaceAll("\\D", "")).isNotEmpty();
            assertThat(highest).isPositive();
        }
    }
}
