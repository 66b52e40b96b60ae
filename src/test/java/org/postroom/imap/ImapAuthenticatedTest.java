package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.TestPostroom;

/**
 * The authenticated state's commands as transcripts over a real socket, against the real store: NAMESPACE, ENABLE,
 * CREATE/DELETE/RENAME/SUBSCRIBE/UNSUBSCRIBE, LIST with LIST-EXTENDED options and LIST-STATUS, LSUB, STATUS.
 */
class ImapAuthenticatedTest {
    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    TestPostroom postroom;
    RawImap imap;

    @BeforeEach
    void start() throws Exception {
        postroom = server.start(dir, "");
        imap = server.login();
    }

    @AfterEach
    void stop() throws Exception {
        if (imap != null) imap.close();
    }

    @Test
    void namespaceIsPersonalWithSlash() throws Exception {
        assertThat(imap.command("a1 NAMESPACE").all()).containsExactly("* NAMESPACE ((\"\" \"/\")) NIL NIL", "a1 OK NAMESPACE completed");
    }

    @Test
    void enableAnswersEnabledWithWhatItTurnedOn() throws Exception {
        assertThat(imap.command("a1 ENABLE X-UNKNOWN").all()).containsExactly("* ENABLED", "a1 OK ENABLE completed");
        assertThat(imap.command("b1 ENABLE CONDSTORE X-UNKNOWN").all()).containsExactly("* ENABLED CONDSTORE", "b1 OK ENABLE completed");
        assertThat(imap.command("b2 ENABLE CONDSTORE").all()).containsExactly("* ENABLED", "b2 OK ENABLE completed"); // already on
        assertThat(imap.command("a2 ENABLE").tagged()).startsWith("a2 BAD");
    }

    @Test
    void createListRenameDeleteFolders() throws Exception {
        imap.command("a1 CREATE Projects").expectOk();
        imap.command("a2 CREATE Projects/2026/").expectOk(); // RFC 3501 6.3.3: a trailing delimiter is allowed
        assertThat(imap.command("a3 CREATE Projects").tagged()).startsWith("a3 NO [ALREADYEXISTS]");
        assertThat(imap.command("a4 LIST \"\" \"*\"").untagged()).contains(
                "* LIST (\\HasNoChildren) \"/\" INBOX",
                "* LIST (\\HasChildren) \"/\" Projects",
                "* LIST (\\HasNoChildren) \"/\" Projects/2026");
        assertThat(imap.command("a5 LIST \"\" %").untagged()).contains("* LIST (\\HasChildren) \"/\" Projects")
                .noneMatch(l -> l.endsWith("Projects/2026"));
        assertThat(imap.command("a6 LIST Projects/ %").untagged()).containsExactly("* LIST (\\HasNoChildren) \"/\" Projects/2026");
        assertThat(imap.command("a7 LIST \"\" \"\"").all()).containsExactly("* LIST (\\Noselect) \"/\" \"\"", "a7 OK LIST completed");
        assertThat(imap.command("a8 LIST \"\" inbox").untagged()).containsExactly("* LIST (\\HasNoChildren) \"/\" INBOX");

        imap.command("a9 RENAME Projects Archive-Projects").expectOk();
        assertThat(imap.command("b1 LIST \"\" *").untagged()).contains("* LIST (\\HasNoChildren) \"/\" Archive-Projects/2026")
                .noneMatch(l -> l.contains("\" Projects"));
        imap.command("b2 DELETE Archive-Projects/2026").expectOk();
        assertThat(imap.command("b3 DELETE Nothing").tagged()).startsWith("b3 NO [NONEXISTENT]");
        assertThat(imap.command("b4 DELETE INBOX").tagged()).startsWith("b4 NO [CANNOT]");
        assertThat(imap.command("b5 CREATE \"With space\"").tagged()).startsWith("b5 OK");
        assertThat(imap.command("b6 LIST \"\" \"With*\"").untagged()).containsExactly("* LIST (\\HasNoChildren) \"/\" \"With space\"");
    }

    @Test
    void subscriptionsInLsubAndListExtended() throws Exception {
        imap.command("a1 CREATE Work").expectOk();
        imap.command("a2 CREATE Work/Reports").expectOk();
        imap.command("a3 CREATE Other").expectOk();
        imap.command("a4 SUBSCRIBE Work/Reports").expectOk();
        assertThat(imap.command("a5 LSUB \"\" *").untagged()).contains("* LSUB () \"/\" Work/Reports")
                .noneMatch(l -> l.endsWith(" Other") || l.endsWith(" Work"));
        assertThat(imap.command("a6 LIST (SUBSCRIBED) \"\" *").untagged())
                .contains("* LIST (\\HasNoChildren \\Subscribed) \"/\" Work/Reports").noneMatch(l -> l.endsWith(" Other"));
        // RFC 5258 3.5: RECURSIVEMATCH names the parent of a subscribed folder with CHILDINFO
        assertThat(imap.command("a7 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %").untagged())
                .contains("* LIST (\\HasChildren) \"/\" Work (\"CHILDINFO\" (\"SUBSCRIBED\"))");
        assertThat(imap.command("a8 LIST (RECURSIVEMATCH) \"\" %").tagged()).startsWith("a8 BAD");
        assertThat(imap.command("a9 LIST \"\" (Work Other) RETURN (SUBSCRIBED CHILDREN)").untagged())
                .containsExactly("* LIST (\\HasNoChildren) \"/\" Other", "* LIST (\\HasChildren) \"/\" Work");
        imap.command("b1 UNSUBSCRIBE Work/Reports").expectOk();
        assertThat(imap.command("b2 LSUB \"\" *").untagged()).noneMatch(l -> l.endsWith("Work/Reports"));
    }

    @Test
    void specialUseFoldersAreFlaggedAndSelectable() throws Exception {
        imap.command("a0 CREATE Sent").expectOk();
        assertThat(imap.command("a1 LIST (SPECIAL-USE) \"\" *").untagged()).isNotEmpty().allMatch(l -> l.matches("\\* LIST \\(.*\\\\(Sent|Drafts|Trash|Junk|Archive).*"));
        assertThat(imap.command("a2 LIST \"\" * RETURN (SPECIAL-USE)").untagged()).anyMatch(l -> l.contains("\\Sent") && l.endsWith(" Sent"));
    }

    @Test
    void statusAndListStatusCountTheMessages() throws Exception {
        postroom.deliver("alice", "Subject: one\r\n\r\nfirst\r\n");
        postroom.deliver("alice", "Subject: two\r\n\r\nsecond\r\n");
        RawImap.Result status = imap.command("a1 STATUS INBOX (MESSAGES UNSEEN RECENT UIDNEXT UIDVALIDITY SIZE HIGHESTMODSEQ)").expectOk();
        assertThat(status.untagged()).hasSize(1);
        assertThat(status.untagged().getFirst())
                .matches("\\* STATUS INBOX \\(MESSAGES 2 UNSEEN 2 RECENT 0 UIDNEXT 3 UIDVALIDITY \\d+ SIZE \\d+ HIGHESTMODSEQ \\d+\\)");
        assertThat(imap.command("a2 STATUS Nowhere (MESSAGES)").tagged()).startsWith("a2 NO [NONEXISTENT]");
        assertThat(imap.command("a3 STATUS INBOX (BOGUS)").tagged()).startsWith("a3 BAD");
        // RFC 5819: LIST-STATUS, a STATUS after each selectable folder's LIST
        assertThat(imap.command("a4 LIST \"\" INBOX RETURN (STATUS (MESSAGES UNSEEN))").untagged())
                .containsExactly("* LIST (\\HasNoChildren) \"/\" INBOX", "* STATUS INBOX (MESSAGES 2 UNSEEN 2)");
    }
}
