package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.Maildir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.TestPostroom;

/**
 * SELECT of the folder already selected: the previous selection stops listening only after the new one listens, so
 * the folder never falls idle in between (idle writes its whole index: 300 ms at 100,000 messages).
 */
class ImapReselectTest {
    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;

    @Test
    void selectingTheSameFolderAgainDoesNotLetItFallIdle() throws Exception {
        TestPostroom postroom = server.start(dir);
        Maildir maildir = postroom.maildir("alice");
        Files.createDirectories(maildir.cur());
        Files.write(maildir.cur().resolve("1765000000.M1P1.test:2,S"), "Subject: a\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        Path index = maildir.root().resolve("postroom-index");
        try (RawImap imap = server.login()) {
            imap.command("a SELECT INBOX").expectOk();
            RawImap.Result again = imap.command("b SELECT INBOX").expectOk();
            assertThat(again.untagged()).contains("* OK [CLOSED] Previous mailbox closed.", "* 1 EXISTS");
            assertThat(index).doesNotExist(); // never idle: the index was not written
            imap.command("c SELECT Nowhere");
            assertThat(imap.command("d FETCH 1 FLAGS").tagged()).startsWith("d BAD"); // a failed SELECT leaves none selected
            imap.command("e LOGOUT");
        }
        for (int i = 0; i < 100 && !Files.exists(index); i++) Thread.sleep(50);
        assertThat(index).exists(); // the last session left: idle now
    }
}
