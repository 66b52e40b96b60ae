package org.postroom.store.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.store.folder.FolderBasicsTest.ALICE;
import static org.postroom.store.folder.FolderBasicsTest.deliver;
import static org.postroom.store.folder.FolderBasicsTest.message;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.MaildirStore;
import org.postroom.testing.RealPeer;

/**
 * Issue 11: the Maildirs stay Dovecot's. Postroom writes a user's folders, flags and keywords; Debian's Dovecot
 * (started here on loopback with a config of its own in a temp folder, reading the same Maildir read-only) lists the
 * same folders and subscriptions and shows the same messages, in the same order, with the same flags and keywords.
 * Runs where {@code /usr/sbin/dovecot} exists and the test runs as root (Dovecot's master must switch users);
 * {@code .ci/run} installs {@code dovecot-imapd}.
 */
class DovecotReadsPostroomTest {
    private static final Path DOVECOT = Path.of("/usr/sbin/dovecot");

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void dovecotSeesTheFoldersMessagesFlagsAndKeywordsPostroomWrote() throws Exception {
        RealPeer.require(Files.isExecutable(DOVECOT), "/usr/sbin/dovecot (apt-get install dovecot-imapd)");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "SKIPPED: Dovecot's master must run as root");

        // Postroom writes.
        Path mail = dir.resolve("mail");
        MaildirStore store = new MaildirStore(mail, "mx.test");
        deliver(store, "first");
        deliver(store, "second");
        UserFolders folders = store.folders(ALICE);
        folders.ensureSpecialFolders();
        folders.create("Archive/2024");
        Folder inbox = folders.open("INBOX");
        inbox.snapshot();
        inbox.store(List.of(1L), new Folder.FlagChange(Folder.FlagChange.Mode.ADD, MessageInfo.SEEN | MessageInfo.FLAGGED,
                new LinkedHashSet<>(List.of("Work", "$Forwarded"))), Long.MAX_VALUE);
        inbox.store(List.of(2L), new Folder.FlagChange(Folder.FlagChange.Mode.ADD, MessageInfo.ANSWERED | MessageInfo.DRAFT, Set.of()), Long.MAX_VALUE);
        Folder archive = folders.open("Archive/2024");
        archive.append(out -> out.write(message("archived")), MessageInfo.DELETED | MessageInfo.SEEN, Set.of("Later"), null);
        Path userRoot = store.maildir(ALICE).root();

        // Dovecot reads, as an unprivileged user (it refuses mail access as root).
        UserPrincipal nobody = userRoot.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) Files.setOwner(p, nobody);
        }
        // Dovecot's auth and login processes run as other users: they must reach their files (the mail stays 0700).
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path conf = writeConfig(userRoot, port);
        Process dovecot = new ProcessBuilder(DOVECOT.toString(), "-F", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("dovecot.out").toFile()).start();
        try (Imap imap = Imap.connect(port, dovecot, dir)) {
            imap.ok("a LOGIN alice secret");
            List<String> list = imap.ok("b LIST \"\" \"*\"");
            assertThat(names(list)).containsExactlyInAnyOrder("INBOX", "Archive", "Archive/2024", "Drafts", "Junk", "Sent", "Trash");
            assertThat(names(imap.ok("c LSUB \"\" \"*\""))).containsExactlyInAnyOrder("Drafts", "Junk", "Sent", "Trash");

            imap.ok("d EXAMINE INBOX");
            List<String> fetched = imap.ok("e FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            List<String> flags = fetched.stream().filter(l -> l.contains("FETCH (FLAGS")).toList();
            assertThat(flags).hasSize(2);
            assertThat(flagsOf(flags.get(0))).containsExactlyInAnyOrder("\\Seen", "\\Flagged", "Work", "$Forwarded");
            assertThat(flagsOf(flags.get(1))).containsExactlyInAnyOrder("\\Answered", "\\Draft");
            assertThat(fetched.stream().filter(l -> l.startsWith("Subject: ")).toList()).containsExactly("Subject: first", "Subject: second");

            imap.ok("f EXAMINE \"Archive/2024\"");
            List<String> archived = imap.ok("g FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            assertThat(flagsOf(archived.stream().filter(l -> l.contains("FETCH (FLAGS")).findFirst().orElseThrow()))
                    .containsExactlyInAnyOrder("\\Seen", "\\Deleted", "Later");
            assertThat(archived).contains("Subject: archived");
            imap.ok("h LOGOUT");
        } finally {
            dovecot.destroy();
            dovecot.waitFor();
        }
    }

    private Path writeConfig(Path userRoot, int port) throws IOException {
        Path base = Files.createDirectories(dir.resolve("dovecot"));
        Files.setPosixFilePermissions(base, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path users = base.resolve("users");
        Files.writeString(users, "alice:{PLAIN}secret::::::\n");
        Files.setPosixFilePermissions(users, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        String conf = String.join("\n",
                "instance_name = postroom-test-" + port,
                "base_dir = " + base.resolve("run"),
                "state_dir = " + base.resolve("state"),
                "log_path = " + base.resolve("dovecot.log"),
                "protocols = imap",
                "listen = 127.0.0.1",
                "ssl = no",
                "disable_plaintext_auth = no",
                "default_login_user = dovenull",
                "default_internal_user = dovecot",
                "first_valid_uid = 1",
                // Dovecot's index in memory; its UID list (dovecot-uidlist) and the subscriptions are in the Maildir.
                "mail_location = maildir:" + userRoot + ":INDEX=MEMORY",
                "namespace inbox {", "  inbox = yes", "  separator = /", "}",
                "passdb {", "  driver = passwd-file", "  args = scheme=PLAIN " + users, "}",
                "userdb {", "  driver = static", "  args = uid=nobody gid=nogroup home=" + base.resolve("home"), "}",
                "service imap-login {", "  inet_listener imap {", "    address = 127.0.0.1", "    port = " + port, "  }",
                "  inet_listener imaps {", "    port = 0", "  }", "}",
                "service pop3-login {", "  inet_listener pop3 {", "    port = 0", "  }", "  inet_listener pop3s {", "    port = 0", "  }", "}",
                "service submission-login {", "  inet_listener submission {", "    port = 0", "  }", "}",
                "service lmtp {", "  unix_listener lmtp {", "    mode = 0600", "  }", "}", "");
        Path file = base.resolve("dovecot.conf");
        Files.writeString(file, conf);
        Files.createDirectories(base.resolve("control"));
        Files.createDirectories(base.resolve("home"));
        UserPrincipal nobody = userRoot.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(base.resolve("control"), nobody);
        Files.setOwner(base.resolve("home"), nobody);
        return file;
    }

    private static List<String> names(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("* LIST") && !line.startsWith("* LSUB")) continue;
            String name = line.substring(line.lastIndexOf(' ') + 1);
            names.add(name.startsWith("\"") ? name.substring(1, name.length() - 1) : name);
        }
        return names;
    }

    private static List<String> flagsOf(String fetchLine) {
        int start = fetchLine.indexOf("FLAGS (") + 7;
        String inside = fetchLine.substring(start, fetchLine.indexOf(')', start));
        // \Recent is Dovecot's own: the first session to see a message gets it (RFC 3501 2.3.2).
        return inside.isEmpty() ? List.of() : Stream.of(inside.split(" ")).filter(f -> !f.equals("\\Recent")).toList();
    }

    /** Just enough of an IMAP client for this test: a tagged command, its lines up to the tagged OK. */
    private record Imap(Socket socket, BufferedReader in, OutputStream out, Path dir) implements AutoCloseable {
        String log() {
            try {
                return Files.readString(dir.resolve("dovecot/dovecot.log"));
            } catch (IOException e) {
                return "(no dovecot.log: " + e + ")";
            }
        }

        static Imap connect(int port, Process dovecot, Path dir) throws Exception {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                try {
                    Socket s = new Socket("127.0.0.1", port);
                    s.setSoTimeout(20_000);
                    Imap imap = new Imap(s, new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)), s.getOutputStream(), dir);
                    assertThat(imap.in.readLine()).startsWith("* OK");
                    return imap;
                } catch (IOException e) {
                    if (!dovecot.isAlive() || System.nanoTime() > deadline) {
                        throw new AssertionError("Dovecot did not start: " + Files.readString(dir.resolve("dovecot.out")), e);
                    }
                    Thread.sleep(100);
                }
            }
        }

        List<String> ok(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String tag = command.substring(0, command.indexOf(' '));
            List<String> lines = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(tag + " ")) {
                    assertThat(line).as(command + " -> " + lines + "\n" + log()).startsWith(tag + " OK");
                    return lines;
                }
                lines.add(line);
            }
            throw new IOException("connection closed after " + command + ": " + lines);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
