package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.RealPeer;
import org.postroom.testing.TestPostroom;

/**
 * isync's mbsync (Debian's {@code isync}) syncing a local Maildir with Postroom both ways: it checks UIDVALIDITY,
 * UIDNEXT, UIDPLUS's APPENDUID and flag changes hard. Pull, then push a local flag, a new message and a deletion.
 * Skipped, with a message, where mbsync is missing ({@code .ci/run} installs it).
 */
class ImapMbsyncTest {
    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    @TempDir
    Path home;
    TestPostroom postroom;
    Path config;
    Path local;

    @BeforeAll
    static void needMbsync() {
        RealPeer.require(Files.isExecutable(Path.of("/usr/bin/mbsync")), "/usr/bin/mbsync (apt-get install isync)");
    }

    @BeforeEach
    void start() throws IOException {
        postroom = server.start(dir);
        for (int n = 1; n <= 3; n++) postroom.deliver("alice", ImapTestServer.message(n));
        local = home.resolve("mail");
        Files.createDirectories(local);
        config = home.resolve("mbsyncrc");
        Files.writeString(config, """
                IMAPAccount postroom
                Host 127.0.0.1
                Port %d
                User alice
                Pass "%s"
                SSLType None
                AuthMechs LOGIN

                IMAPStore remote
                Account postroom

                MaildirStore local
                Path %s/
                Inbox %s/INBOX

                Channel office
                Far :remote:
                Near :local:
                Patterns INBOX
                Create Near
                Sync All
                Expunge Both
                SyncState *
                """.formatted(postroom.imapPort(), TestPostroom.PASSWORD, local, local), StandardCharsets.UTF_8);
    }

    private String mbsync() throws Exception {
        Process p = new ProcessBuilder("mbsync", "-c", config.toString(), "-V", "office").redirectErrorStream(true)
                .directory(home.toFile()).start();
        p.getOutputStream().close();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("mbsync said:\n%s", text).isZero();
        return text;
    }

    private List<Path> localMessages() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(local.resolve("INBOX/cur")), Files.list(local.resolve("INBOX/new")))) {
            return files.sorted().toList();
        }
    }

    @Test
    void pullsThenPushesFlagsANewMessageAndADeletion() throws Exception {
        mbsync();
        List<Path> pulled = localMessages();
        assertThat(pulled).hasSize(3);
        assertThat(pulled.stream().map(this::read)).anyMatch(m -> m.contains("Subject: message 2"));

        // Locally: flag message 1, write a new message, delete message 3 (Maildir flags T).
        Path first = pulled.stream().filter(f -> read(f).contains("Subject: message 1")).findFirst().orElseThrow();
        Path third = pulled.stream().filter(f -> read(f).contains("Subject: message 3")).findFirst().orElseThrow();
        Files.move(first, local.resolve("INBOX/cur").resolve(baseName(first) + ":2,F"));
        Files.move(third, local.resolve("INBOX/cur").resolve(baseName(third) + ":2,ST"));
        Files.writeString(local.resolve("INBOX/new").resolve("1700000000.local1.laptop"),
                "From: alice@office.test\r\nSubject: written offline\r\n\r\nsent from the laptop\r\n", StandardCharsets.UTF_8);
        mbsync();

        try (RawImap imap = server.login()) {
            imap.command("a SELECT INBOX").expectOk();
            List<String> flags = imap.command("b UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])").expectOk().untagged();
            assertThat(flags).hasSize(3);
            assertThat(flags).anyMatch(l -> l.contains("\\Flagged") && l.contains("Subject: message 1"))
                    .anyMatch(l -> l.contains("Subject: written offline"))
                    .noneMatch(l -> l.contains("Subject: message 3"));
        }
        // A third run changes nothing on either side.
        mbsync();
        assertThat(localMessages()).hasSize(3);
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int info = name.indexOf(":2,");
        return info < 0 ? name : name.substring(0, info);
    }

    private String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
