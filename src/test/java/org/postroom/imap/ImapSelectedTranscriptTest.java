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
 * The selected state's commands over a real socket, byte for byte: SELECT/EXAMINE, STORE (.SILENT, UNCHANGEDSINCE),
 * EXPUNGE and UID EXPUNGE, COPY (COPYUID, TRYCREATE), MOVE, CLOSE and UNSELECT, CHECK.
 */
class ImapSelectedTranscriptTest {
    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = server.start(dir);
        ImapTestServer.specialFolders(postroom, "alice");
        for (int n = 1; n <= 3; n++) postroom.deliver("alice", ImapTestServer.message(n));
    }

    RawImap login() throws Exception {
        return server.login();
    }

    @Test
    void selectTellsFlagsCountsUidsAndModSeq() throws Exception {
        try (RawImap imap = login()) {
            RawImap.Result select = imap.command("a SELECT INBOX").expectOk();
            assertThat(select.tagged()).isEqualTo("a OK [READ-WRITE] SELECT completed.");
            assertThat(select.untagged()).contains(
                    "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                    "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.",
                    "* 3 EXISTS",
                    "* 0 RECENT",
                    "* OK [UNSEEN 1] First unseen.",
                    "* OK [UIDNEXT 4] Predicted next UID.");
            assertThat(select.matching("\\* OK \\[UIDVALIDITY \\d+] UIDs valid\\.")).hasSize(1);
            assertThat(select.matching("\\* OK \\[HIGHESTMODSEQ \\d+] Highest\\.")).hasSize(1);
        }
    }

    @Test
    void examineIsReadOnlyAndStoreIsRefused() throws Exception {
        try (RawImap imap = login()) {
            RawImap.Result examine = imap.command("a EXAMINE INBOX").expectOk();
            assertThat(examine.tagged()).isEqualTo("a OK [READ-ONLY] EXAMINE completed.");
            assertThat(examine.untagged()).contains("* OK [PERMANENTFLAGS ()] No permanent flags permitted.");
            assertThat(imap.command("b STORE 1 +FLAGS (\\Seen)").tagged()).startsWith("b NO [READ-ONLY]");
            assertThat(imap.command("c EXPUNGE").tagged()).startsWith("c NO [READ-ONLY]");
        }
    }

    @Test
    void selectingAnotherFolderClosesTheFirstAndAFailedSelectLeavesNoneSelected() throws Exception {
        try (RawImap imap = login()) {
            imap.command("a SELECT INBOX").expectOk();
            RawImap.Result sent = imap.command("b SELECT Sent").expectOk();
            assertThat(sent.untagged().getFirst()).isEqualTo("* OK [CLOSED] Previous mailbox closed.");
            assertThat(sent.untagged()).contains("* 0 EXISTS");
            RawImap.Result missing = imap.command("c SELECT Nowhere");
            assertThat(missing.untagged()).containsExactly("* OK [CLOSED] Previous mailbox closed.");
            assertThat(missing.tagged()).startsWith("c NO [NONEXISTENT]");
            assertThat(imap.command("d STORE 1 +FLAGS (\\Seen)").tagged()).startsWith("d BAD");
        }
    }

    @Test
    void storeAnswersTheNewFlagsUnlessSilent() throws Exception {
        try (RawImap imap = login()) {
            imap.command("a SELECT INBOX").expectOk();
            RawImap.Result store = imap.command("b STORE 1:2 +FLAGS (\\Flagged $Important)").expectOk();
            assertThat(store.untagged()).containsExactly(
                    "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Important)",
                    "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Important \\*)] Flags permitted.",
                    "* 1 FETCH (FLAGS (\\Flagged $Important) UID 1)",
                    "* 2 FETCH (FLAGS (\\Flagged $Important) UID 2)");
            assertThat(imap.command("c STORE 1 -FLAGS.SILENT (\\Flagged)").expectOk().untagged()).isEmpty();
            assertThat(imap.command("d UID STORE 3 FLAGS (\\Seen)").expectOk().untagged()).containsExactly("* 3 FETCH (FLAGS (\\Seen) UID 3)");
            assertThat(imap.command("e NOOP").expectOk().untagged()).isEmpty(); // nothing told twice
        }
    }

    @Test
    void unchangedSinceRefusesMessagesChangedSinceAndSaysModified() throws Exception {
        try (RawImap imap = login()) {
            RawImap.Result select = imap.command("a SELECT INBOX (CONDSTORE)").expectOk();
            long highest = Long.parseLong(select.matching("\\* OK \\[HIGHESTMODSEQ \\d+].*").getFirst().replaceAll("\\D", ""));
            RawImap.Result first = imap.command("b STORE 2 +FLAGS.SILENT (\\Seen)").expectOk();
            // RFC 7162 3.2: under CONDSTORE, .SILENT still says the new MODSEQ.
            assertThat(first.untagged()).singleElement().asString().matches("\\* 2 FETCH \\(UID 2 MODSEQ \\(\\d+\\)\\)");
            RawImap.Result conditional = imap.command("c STORE 1:2 (UNCHANGEDSINCE " + highest + ") +FLAGS.SILENT (\\Flagged)");
            assertThat(conditional.tagged()).startsWith("c OK [MODIFIED 2]");
            assertThat(conditional.untagged()).singleElement().asString().matches("\\* 1 FETCH \\(UID 1 MODSEQ \\(\\d+\\)\\)");
        }
    }

    @Test
    void expungeNumbersEachRemovalAfterTheOnesBefore() throws Exception {
        postroom.deliver("alice", ImapTestServer.message(4));
        try (RawImap imap = login()) {
            imap.command("a SELECT INBOX").expectOk();
            imap.command("b STORE 2,4 +FLAGS.SILENT (\\Deleted)").expectOk();
            RawImap.Result expunge = imap.command("c EXPUNGE").expectOk();
            assertThat(expunge.untagged()).containsExactly("* 2 EXPUNGE", "* 3 EXPUNGE");
            assertThat(imap.command("d SELECT INBOX").untagged()).contains("* 2 EXISTS");
        }
    }

    @Test
    void uidExpungeRemovesOnlyTheNamedDeletedMessages() throws Exception {
        try (RawImap imap = login()) {
            imap.command("a SELECT INBOX").expectOk();
            imap.command("b STORE 1:3 +FLAGS.SILENT (\\Deleted)").expectOk();
            assertThat(imap.command("c UID EXPUNGE 2:3").expectOk().untagged()).containsExactly("* 2 EXPUNGE", "* 2 EXPUNGE");
            assertThat(imap.command("d NOOP").expectOk().untagged()).isEmpty();
            assertThat(imap.command("e UID STORE 1 -FLAGS (\\Deleted)").expectOk().untagged()).containsExactly("* 1 FETCH (FLAGS () UID 1)");
        }
    }

    @Test
    void copyAnswersCopyUidAndTryCreateForAMissingFolder() throws Exception {
        try (RawImap imap = login()) {
            imap.command("a SELECT INBOX").expectOk();
            RawImap.Result copy = imap.command("b COPY 2:3 Trash").expectOk();
            assertThat(copy.tagged()).matches("b OK \\[COPYUID \\d+ 2:3 1:2] COPY completed\\.");
            assertThat(imap.command("c UID COPY 1 Nowhere").tagged()).startsWith("c NO [TRYCREATE]");
            RawImap.Result trash = imap.command("d EXAMINE Trash").expectOk();
            assertThat(trash.untagged()).contains("* 2 EXISTS");
        }
    }

    @Test
    void moveSaysCopyUidThenTheExpunges() throws Exception {
        try (RawImap imap = login()) {
            imap.command("a SELECT INBOX").expectOk();
            RawImap.Result move = imap.command("b UID MOVE 1,3 Junk").expectOk();
            assertThat(move.untagged()).hasSize(3);
            assertThat(move.untagged().getFirst()).matches("\\* OK \\[COPYUID \\d+ 1,3 1:2] Moved\\.");
            assertThat(move.untagged().subList(1, 3)).containsExactly("* 1 EXPUNGE", "* 2 EXPUNGE");
            assertThat(move.tagged()).isEqualTo("b OK MOVE completed.");
            assertThat(imap.command("c SELECT Junk").untagged()).contains("* 2 EXISTS");
        }
    }

    @Test
    void closeExpungesSilentlyAndUnselectDoesNot() throws Exception {
        try (RawImap imap = login()) {
            imap.command("a SELECT INBOX").expectOk();
            imap.command("b STORE 1 +FLAGS.SILENT (\\Deleted)").expectOk();
            assertThat(imap.command("c UNSELECT").expectOk().untagged()).isEmpty();
            imap.command("d SELECT INBOX").expectOk();
            assertThat(imap.command("e CLOSE").expectOk().untagged()).isEmpty();
            assertThat(imap.command("f STORE 1 +FLAGS (\\Seen)").tagged()).startsWith("f BAD"); // not selected any more
            assertThat(imap.command("g SELECT INBOX").untagged()).contains("* 2 EXISTS");
            assertThat(imap.command("h CHECK").expectOk().untagged()).isEmpty();
        }
    }

    @Test
    void aSequenceNumberPastTheLastIsBadAndAUidPastTheLastIsNothing() throws Exception {
        try (RawImap imap = login()) {
            imap.command("a SELECT INBOX").expectOk();
            assertThat(imap.command("b STORE 4 +FLAGS (\\Seen)").tagged()).startsWith("b BAD");
            assertThat(imap.command("c UID STORE 9 +FLAGS (\\Seen)").expectOk().untagged()).isEmpty();
            // RFC 3501 6.4.8: 9:* names the last message even though 9 is past it.
            assertThat(imap.command("d UID STORE 9:* +FLAGS (\\Seen)").expectOk().untagged()).containsExactly("* 3 FETCH (FLAGS (\\Seen) UID 3)");
        }
    }

    @Test
    void aNewUserWithNoMailSelectsAnEmptyInbox() throws Exception {
        postroom.addUser("carol");
        try (RawImap imap = RawImap.login(postroom.imapPort(), "carol", TestPostroom.PASSWORD)) {
            RawImap.Result select = imap.command("a SELECT INBOX").expectOk();
            assertThat(select.untagged()).contains("* 0 EXISTS", "* OK [UIDNEXT 1] Predicted next UID.").noneMatch(l -> l.contains("UNSEEN"));
            assertThat(imap.command("b FETCH 1:* (FLAGS)").expectOk().untagged()).isEmpty();
            assertThat(imap.command("c UID SEARCH ALL").expectOk().untagged()).containsExactly("* SEARCH");
        }
    }

    @Test
    void searchAnswersNumbersOrUidsAndRefusesAnUnknownCharset() throws Exception {
        try (RawImap imap = login()) {
            imap.command("a SELECT INBOX").expectOk();
            imap.command("b STORE 2 +FLAGS.SILENT (\\Deleted)").expectOk();
            imap.command("c EXPUNGE").expectOk();
            assertThat(imap.command("d SEARCH SUBJECT \"message 3\"").expectOk().untagged()).containsExactly("* SEARCH 2");
            assertThat(imap.command("e UID SEARCH SUBJECT \"message 3\"").expectOk().untagged()).containsExactly("* SEARCH 3");
            assertThat(imap.command("f SEARCH 1:* NOT SUBJECT \"message 3\"").expectOk().untagged()).containsExactly("* SEARCH 1");
            assertThat(imap.command("g SEARCH CHARSET X-UNHEARD-OF SUBJECT x").tagged()).startsWith("g NO [BADCHARSET (US-ASCII UTF-8)]");
            assertThat(imap.command("h NOOP").expectOk().untagged()).isEmpty(); // still in step
        }
    }
}
