package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * Whole sessions as the office's clients run them, scripted from their documented command sequences (issue 11,
 * "Done when"): Thunderbird (mailnews' nsImapProtocol: CAPABILITY, ID, LIST (SUBSCRIBED) RETURN (SPECIAL-USE),
 * SELECT (CONDSTORE), UID FETCH 1:* (FLAGS), the new headers, IDLE), K-9 / Thunderbird for Android (capabilities from
 * the login's OK, UID SEARCH, BODYSTRUCTURE then one part, STORE .SILENT, IDLE) and mutt (imap_private.h: FETCH of
 * header fields by sequence number, UID STORE, EXPUNGE, CLOSE).
 */
class ImapClientSessionsTest {
    static final String THUNDERBIRD_HEADERS = "From To Cc Bcc Subject Date Message-ID Priority X-Priority References Newsgroups In-Reply-To Content-Type Reply-To";

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

    @Test
    void thunderbirdLike() throws Exception {
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            assertThat(imap.line()).startsWith("* OK [CAPABILITY ");
            imap.command("1 capability").expectOk();
            imap.command("2 ID (\"name\" \"Thunderbird\" \"version\" \"128.5.0\")").expectOk();
            imap.command("3 login \"alice\" \"" + TestPostroom.PASSWORD + "\"").expectOk();
            imap.command("4 namespace").expectOk();
            RawImap.Result list = imap.command("5 list (subscribed) \"\" \"*\" return (special-use)").expectOk();
            assertThat(list.untagged()).anyMatch(l -> l.contains("\\Trash") && l.endsWith("Trash"))
                    .anyMatch(l -> l.contains("\\Sent") && l.endsWith("Sent"));
            RawImap.Result select = imap.command("6 select \"INBOX\" (CONDSTORE)").expectOk();
            assertThat(select.untagged()).contains("* 3 EXISTS", "* OK [UIDNEXT 4] Predicted next UID.");
            assertThat(imap.command("7 UID fetch 1:* (FLAGS)").expectOk().untagged()).hasSize(3)
                    .allMatch(l -> l.matches("\\* \\d FETCH \\(UID \\d FLAGS \\(\\) MODSEQ \\(\\d+\\)\\)"));
            RawImap.Result headers = imap.command("8 UID fetch 2:* (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (" + THUNDERBIRD_HEADERS + ")])").expectOk();
            assertThat(headers.untagged()).hasSize(2);
            assertThat(headers.untagged().getFirst()).startsWith("* 2 FETCH (UID 2 RFC822.SIZE " + ImapTestServer.message(2).length() + " FLAGS () ")
                    .contains("Subject: message 2\r\n");
            // Idle until new mail, then fetch its header and body, and mark it read.
            imap.send("9 idle\r\n");
            assertThat(imap.line()).startsWith("+ ");
            deliverOverSmtp("from the idle");
            assertThat(imap.line()).isEqualTo("* 4 EXISTS");
            imap.send("DONE\r\n");
            assertThat(imap.until("9").tagged()).startsWith("9 OK");
            assertThat(imap.command("10 UID fetch 4:* (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (" + THUNDERBIRD_HEADERS + ")])").expectOk()
                    .untagged()).singleElement().asString().contains("Subject: from the idle");
            assertThat(imap.command("11 UID fetch 4 (UID RFC822.SIZE BODY.PEEK[])").expectOk().untagged()).singleElement().asString()
                    .endsWith("hello\r\n)");
            assertThat(imap.command("12 uid store 4 +Flags (\\Seen)").expectOk().untagged()).singleElement().asString()
                    .matches("\\* 4 FETCH \\(FLAGS \\(\\\\Seen\\) UID 4 MODSEQ \\(\\d+\\)\\)");
            assertThat(imap.command("13 logout").untagged()).contains("* BYE Postroom logging out");
        }
    }

    @Test
    void k9Like() throws Exception {
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            imap.line();
            RawImap.Result login = imap.command("1 LOGIN \"alice\" \"" + TestPostroom.PASSWORD + "\"").expectOk();
            assertThat(login.tagged()).contains("[CAPABILITY ").contains(" IDLE").contains(" UIDPLUS"); // K-9 reads them here
            imap.command("2 LIST \"\" \"\"").expectOk();
            imap.command("3 LIST \"\" \"*\"").expectOk();
            imap.command("4 SELECT INBOX").expectOk();
            assertThat(imap.command("5 UID SEARCH 1:* NOT DELETED").expectOk().untagged()).containsExactly("* SEARCH 1 2 3");
            RawImap.Result summary = imap.command(
                    "6 UID FETCH 1,2,3 (UID INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (date subject from content-type to cc reply-to message-id references in-reply-to X-K9mail-Identity)])")
                    .expectOk();
            assertThat(summary.untagged()).hasSize(3).allMatch(l -> l.contains("INTERNALDATE \""));
            assertThat(imap.command("7 UID FETCH 3 (UID BODYSTRUCTURE)").expectOk().untagged()).singleElement().asString()
                    .startsWith("* 3 FETCH (UID 3 BODYSTRUCTURE (\"text\" \"plain\"");
            assertThat(imap.command("8 UID FETCH 3 (UID BODY.PEEK[1])").expectOk().untagged()).singleElement().asString()
                    .isEqualTo("* 3 FETCH (UID 3 BODY[1] {8}\r\nbody 3\r\n)");
            assertThat(imap.command("9 UID STORE 3 +FLAGS.SILENT (\\Seen)").expectOk().untagged()).isEmpty();
            // Deleting a message: move to Trash (MOVE), as K-9 does when the server has it.
            RawImap.Result move = imap.command("10 UID MOVE 1 Trash").expectOk();
            assertThat(move.untagged()).containsExactly(move.untagged().getFirst(), "* 1 EXPUNGE");
            assertThat(move.untagged().getFirst()).startsWith("* OK [COPYUID ");
            imap.send("11 IDLE\r\n");
            assertThat(imap.line()).startsWith("+ ");
            imap.send("DONE\r\n");
            assertThat(imap.until("11").tagged()).startsWith("11 OK");
        }
    }

    @Test
    void muttLike() throws Exception {
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            imap.line();
            imap.command("a0000 CAPABILITY").expectOk();
            imap.command("a0001 LOGIN \"alice\" \"" + TestPostroom.PASSWORD + "\"").expectOk();
            imap.command("a0002 LIST \"\" \"\"").expectOk();
            imap.command("a0003 SELECT \"INBOX\"").expectOk();
            RawImap.Result headers = imap.command(
                    "a0004 FETCH 1:3 (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (DATE FROM SENDER SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE CONTENT-DESCRIPTION IN-REPLY-TO REPLY-TO LINES LIST-POST X-LABEL X-ORIGINAL-TO)])")
                    .expectOk();
            assertThat(headers.untagged()).hasSize(3);
            assertThat(headers.untagged().get(1)).startsWith("* 2 FETCH (UID 2 FLAGS () INTERNALDATE \"").contains("Subject: message 2");
            List<String> body = imap.command("a0005 UID FETCH 2 BODY.PEEK[]").expectOk().untagged();
            assertThat(body).singleElement().asString().isEqualTo("* 2 FETCH (UID 2 BODY[] {" + ImapTestServer.message(2).length() + "}\r\n"
                    + ImapTestServer.message(2) + ")");
            // mutt syncs its changes with UID STORE .SILENT, then EXPUNGE, and leaves with CLOSE.
            assertThat(imap.command("a0006 UID STORE 2 +FLAGS.SILENT (\\Seen)").expectOk().untagged()).isEmpty();
            assertThat(imap.command("a0007 UID STORE 1 +FLAGS.SILENT (\\Deleted)").expectOk().untagged()).isEmpty();
            assertThat(imap.command("a0008 EXPUNGE").expectOk().untagged()).containsExactly("* 1 EXPUNGE");
            assertThat(imap.command("a0009 NOOP").expectOk().untagged()).isEmpty();
            assertThat(imap.command("a0010 FETCH 1 (UID FLAGS)").expectOk().untagged()).containsExactly("* 1 FETCH (UID 2 FLAGS (\\Seen))");
            imap.command("a0011 CLOSE").expectOk();
            imap.command("a0012 LOGOUT");
        }
    }

    void deliverOverSmtp(String subject) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO laptop.office.test");
            assertThat(smtp.command("MAIL FROM:<bob@office.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: " + subject + "\r\n\r\nhello\r\n.")).startsWith("250");
        }
    }
}
