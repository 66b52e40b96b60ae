package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.Maildir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.TestPostroom;

/**
 * The folder's header cache over real sessions: a second header search reads no file, sessions share it and see new
 * and expunged mail, and a big folder's search (on two threads) answers as one thread would.
 */
class ImapSearchCacheTest {
    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;

    @Test
    void aSecondHeaderSearchIsAnsweredWithoutReadingTheFiles() throws Exception {
        TestPostroom postroom = server.start(dir);
        Maildir maildir = postroom.maildir("alice");
        write(maildir, 1, "=?ISO-8859-1?Q?Caf=E9_Needle?=", "Tue, 1 Dec 2026 09:00:00 +0000");
        write(maildir, 2, "plain", "Wed, 2 Dec 2026 09:00:00 +0000");
        write(maildir, 3, "another NEEDLE", "2 Dec 2026 23:00 -0500");
        try (RawImap imap = server.login()) {
            imap.command("s SELECT INBOX").expectOk();
            assertThat(imap.command("a UID SEARCH SUBJECT needle").expectOk().untagged()).containsExactly("* SEARCH 1 3");
            assertThat(imap.command("b UID SEARCH SENTON 2-Dec-2026").expectOk().untagged()).containsExactly("* SEARCH 2 3");
            // A message's content never changes under its Maildir name: emptied behind the server's back, the
            // files are not read again by header keys (without the cache nothing would match below).
            try (var files = Files.list(maildir.cur())) {
                for (Path file : files.toList()) Files.write(file, new byte[0]);
            }
            assertThat(imap.command("c UID SEARCH SUBJECT needle").expectOk().untagged()).containsExactly("* SEARCH 1 3");
            assertThat(imap.command("d UID SEARCH FROM sender SUBJECT caf").expectOk().untagged()).containsExactly("* SEARCH 1");
            assertThat(imap.command("e UID SEARCH SENTON 2-Dec-2026").expectOk().untagged()).containsExactly("* SEARCH 2 3");
            // HEADER on a field the cache does not keep still reads the file (now empty).
            assertThat(imap.command("f UID SEARCH HEADER Message-ID example").expectOk().untagged()).containsExactly("* SEARCH");
        }
    }

    @Test
    void sessionsShareTheCacheAndSeeNewAndExpungedMail() throws Exception {
        TestPostroom postroom = server.start(dir);
        Maildir maildir = postroom.maildir("alice");
        write(maildir, 1, "needle one", "Tue, 1 Dec 2026 09:00:00 +0000");
        write(maildir, 2, "other", "Tue, 1 Dec 2026 09:00:00 +0000");
        try (RawImap a = server.login();
                RawImap b = server.login()) {
            a.command("s SELECT INBOX").expectOk();
            b.command("s SELECT INBOX").expectOk();
            assertThat(a.command("a1 UID SEARCH SUBJECT needle").expectOk().untagged()).containsExactly("* SEARCH 1");
            String message = "From: b@example.com\r\nSubject: =?UTF-8?B?TsOkZWRsZSBuZWVkbGU=?=\r\n\r\nbody\r\n";
            b.send("b1 APPEND INBOX {" + message.length() + "+}\r\n" + message + "\r\n");
            assertThat(b.until("b1").expectOk().tagged()).startsWith("b1 OK [APPENDUID ");
            b.command("b2 UID STORE 1 +FLAGS (\\Deleted)").expectOk();
            b.command("b3 EXPUNGE").expectOk();
            assertThat(b.command("b4 UID SEARCH SUBJECT needle").expectOk().untagged()).containsExactly("* SEARCH 3");
            a.command("a2 NOOP").expectOk();
            assertThat(a.command("a3 UID SEARCH SUBJECT needle").expectOk().untagged()).containsExactly("* SEARCH 3");
            assertThat(a.command("a4 UID SEARCH NOT SUBJECT needle").expectOk().untagged()).containsExactly("* SEARCH 2");
        }
    }

    @Test
    void aBigFolderSearchedOnTwoThreadsAnswersAsOneThreadWould() throws Exception {
        TestPostroom postroom = server.start(dir);
        Maildir maildir = postroom.maildir("alice");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 2500; i++) {
            boolean hit = i % 97 == 0;
            write(maildir, i, "message " + i + (hit ? " needle" : ""), "Tue, 1 Dec 2026 09:00:00 +0000");
            if (hit) expected.add(String.valueOf(i));
        }
        try (RawImap imap = server.login()) {
            imap.command("s SELECT INBOX").expectOk();
            String answer = "* SEARCH " + String.join(" ", expected);
            assertThat(imap.command("a SEARCH SUBJECT needle").expectOk().untagged()).containsExactly(answer);
            assertThat(imap.command("b SEARCH SUBJECT needle").expectOk().untagged()).containsExactly(answer);
        }
    }

    /** Message {@code n} straight into cur/ (the store gives it UID n on the first SELECT, in name order). */
    private static void write(Maildir maildir, int n, String subject, String date) throws Exception {
        Files.createDirectories(maildir.cur());
        String message = "From: Sender <sender@example.com>\r\nSubject: " + subject + "\r\nDate: " + date
                + "\r\nMessage-ID: <" + n + "@example.com>\r\n\r\nbody\r\n";
        Files.write(maildir.cur().resolve(String.format("1765000000.M%06dP1.test:2,", n)), message.getBytes(StandardCharsets.US_ASCII));
    }
}
