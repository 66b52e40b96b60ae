package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.RealPeer;
import org.postroom.testing.TestPostroom;

/**
* isync's {@code mbsync} (Debian package isync) with a folder made on the laptop (the selected state's own sync is
 * ImapMbsyncTest), a strict two-way sync that checks UIDPLUS, UIDVALIDITY and
 * UIDNEXT hard, keeps a local Maildir and Postroom's folders in step over STARTTLS: server mail comes down,
 * a local folder and its message go up (CREATE, APPEND with APPENDUID), flags travel both ways, and a second sync
 * with nothing new changes nothing. Skipped, with a message, where mbsync is missing.
 */
class ImapMbsyncFoldersTest {
    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    TestPostroom postroom;
    Path local;
    Path config;

    @BeforeEach
    void start() throws Exception {
        RealPeer.require(mbsyncAvailable(), "mbsync (apt-get install isync)");
        postroom = server.start(dir.resolve("server"), "[auth]\nplaintext_from_loopback = false\nfailure_delay = \"0s\"\n");
        local = dir.resolve("local");
        Files.createDirectories(local);
        config = dir.resolve("mbsyncrc");
        Path certificate = dir.resolve("server").resolve("tls").resolve("cert.pem");
        Files.writeString(config, """
                IMAPAccount postroom
                Host 127.0.0.1
                Port %d
                User alice@office.test
                Pass "%s"
                SSLType STARTTLS
                CertificateFile %s
                AuthMechs LOGIN PLAIN

                IMAPStore remote
                Account postroom

                MaildirStore local
                Path %s/
                Inbox %s/INBOX
                SubFolders Verbatim

                Channel office
                Far :remote:
                Near :local:
                Patterns *
                Create Both
                Expunge Both
                SyncState *
                Sync All
                """.formatted(postroom.imapPort(), TestPostroom.PASSWORD, certificate, local, local));
    }

    @Test
    void syncsBothWays() throws Exception {
        postroom.deliver("alice", "From: bob@example.com\r\nSubject: first\r\n\r\none\r\n");
        postroom.deliver("alice", "From: bob@example.com\r\nSubject: second\r\n\r\ntwo\r\n");
        // a folder made on the laptop, with one message
        Path notes = local.resolve("Notes");
        for (String sub : List.of("cur", "new", "tmp")) Files.createDirectories(notes.resolve(sub));
        Files.writeString(notes.resolve("cur").resolve("1700000000.1.laptop:2,S"), "From: alice@office.test\r\nSubject: note\r\n\r\nmine\r\n");

        mbsync();
        assertThat(files(local.resolve("INBOX"))).hasSize(2);
        try (RawImap imap = loginOverStartTls()) {
            assertThat(imap.command("a1 STATUS Notes (MESSAGES UNSEEN)").untagged()).containsExactly("* STATUS Notes (MESSAGES 1 UNSEEN 0)");
            // flag a message on the server: it comes down at the next sync
            imap.command("a2 SELECT INBOX").expectOk();
            imap.command("a3 UID STORE 1 +FLAGS (\\Flagged)").expectOk();
        }
        // read one on the laptop: the flag goes up
        Path unread = files(local.resolve("INBOX")).stream().filter(p -> !p.getFileName().toString().contains(",S")).findFirst()
                .orElseThrow();
        Path seen = unread.resolveSibling(unread.getFileName().toString().replaceFirst(":2,.*$", "") + ":2,S");
        if (unread.getParent().getFileName().toString().equals("new")) seen = local.resolve("INBOX").resolve("cur").resolve(seen.getFileName());
        Files.move(unread, seen);

        mbsync();
        assertThat(files(local.resolve("INBOX"))).filteredOn(p -> flags(p).contains("F")).hasSize(1); // \Flagged came down
        try (RawImap imap = loginOverStartTls()) {
            assertThat(imap.command("a1 STATUS INBOX (MESSAGES UNSEEN)").untagged()).containsExactly("* STATUS INBOX (MESSAGES 2 UNSEEN 1)");
        }
        mbsync(); // nothing new: still in step, no error
        assertThat(files(local.resolve("INBOX"))).hasSize(2).filteredOn(p -> flags(p).contains("S")).hasSize(1);
        assertThat(files(notes)).hasSize(1);
    }

    private RawImap loginOverStartTls() throws IOException {
        RawImap imap = RawImap.connect(postroom.imapPort());
        imap.line();
        imap.command("s1 STARTTLS").expectOk();
        imap.startTls();
        imap.command("s2 LOGIN alice \"" + TestPostroom.PASSWORD + "\"").expectOk();
        return imap;
    }

    private void mbsync() throws Exception {
        Process p = new ProcessBuilder("mbsync", "-c", config.toString(), "-a").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).doesNotContainIgnoringCase("error");
        System.out.println("mbsync: " + output.strip().replace('\n', ' '));
    }

    private static String flags(Path file) {
        String name = file.getFileName().toString();
        int info = name.indexOf(":2,");
        return info < 0 ? "" : name.substring(info + 3);
    }

    private static List<Path> files(Path maildir) throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (String sub : List.of("cur", "new")) {
            Path d = maildir.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.forEach(all::add);
            }
        }
        return all;
    }

    private static boolean mbsyncAvailable() {
        try {
            Process p = new ProcessBuilder("mbsync", "--version").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
