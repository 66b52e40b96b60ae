package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.TestPostroom;

/**
 * Issue 11: Sent, Drafts, Trash and Junk exist, subscribed, for a user added with {@code postroom user add} (while the
 * server runs) and for a user who existed before, once the server starts again.
 */
class SpecialFoldersTest {
    @TempDir
    Path data;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    private void assertSpecialFolders(String user) throws Exception {
        Path maildir = data.resolve("mail/office.test").resolve(user);
        for (String name : new String[] {"Sent", "Drafts", "Trash", "Junk"}) {
            assertThat(maildir.resolve("." + name + "/cur")).as(name).isDirectory();
            assertThat(maildir.resolve("." + name + "/maildirfolder")).as(name).isRegularFile();
        }
        assertThat(Files.readString(maildir.resolve("subscriptions"))).isEqualTo("V\t2\n\nSent\nDrafts\nTrash\nJunk\n");
    }

    @Test
    void aUserAddedWithTheCliHasThem() throws Exception {
        postroom = TestPostroom.start(data);
        Cli.Result added = Cli.runWithInput("a password\n", "user", "add", "--data=" + data, "--password-stdin", "gina@office.test");
        assertThat(added.code()).as(added.toString()).isZero();
        assertThat(added.err()).as(added.toString()).isEmpty();
        assertSpecialFolders("gina");
    }

    @Test
    void aUserFromBeforeGetsThemAtTheNextStart() throws Exception {
        postroom = TestPostroom.start(data);
        postroom.addUser("bob"); // straight into the directory, as before IMAP: no folders
        assertThat(data.resolve("mail/office.test/bob/.Sent")).doesNotExist();
        postroom.close();
        postroom = TestPostroom.start(data);
        assertSpecialFolders("bob");
    }
}
