package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.BrokenDatabase;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.TestPostroom;

/**
 * Issue 10, item 7, for IMAP: a login that fails inside Postroom (the database, broken for real) is answered
 * {@code NO [SERVERBUG]} and the session goes on; the next try on the same connection logs in.
 */
class ImapUnexpectedErrorTest {
    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    TestPostroom postroom;

    @Test
    void loginWithTheDatabaseDownGetsServerBugAndTheSessionGoesOn() throws Exception {
        postroom = server.start(dir);
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            imap.line();
            try (BrokenDatabase _ = BrokenDatabase.breakIn(postroom.dataDir())) {
                assertThat(imap.command("a1 LOGIN alice \"" + TestPostroom.PASSWORD + "\"").tagged())
                        .isEqualTo("a1 NO [SERVERBUG] Internal error; try again later");
                imap.command("a2 NOOP").expectOk();
            }
            imap.command("a3 LOGIN alice \"" + TestPostroom.PASSWORD + "\"").expectOk();
        }
    }
}
