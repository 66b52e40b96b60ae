package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.collect.CollectControl;
import org.postroom.directory.Database;
import org.postroom.directory.Directory;
import org.postroom.message.MailAddress;
import org.postroom.store.Maildir;
import org.postroom.testing.MailFiles;
import org.postroom.testing.RawImap;
import org.postroom.testing.RawPop3;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * {@code postroom backup} of a running server with users, folders, flags, keywords, queued mail and a collector
 * ledger, while mail keeps arriving and flags keep changing; {@code postroom restore} into a new folder; every
 * message (bytes, flags, time), the queue and every table of the directory database compared; and a server started
 * on the restored folder serving the mail to Angus Mail's IMAP client and over POP3.
 */
class BackupRestoreTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    GreenMail provider;
    TestPostroom source;
    TestPostroom restored;

    @AfterEach
    void tearDown() {
        if (restored != null) restored.close();
        if (source != null) source.close();
        if (provider != null) provider.stop();
    }

    @Test
    void aRunningServerIsBackedUpAndRestoredWhole() throws Exception {
        Path a = dir.resolve("a");
        startSource(a);
        // carol's mailbox is where mail arrives and flags change during the backup
        for (int i = 0; i < 20; i++) send("carol", "early " + i);
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread arrivals = Thread.ofVirtual().start(() -> {
            for (int i = 0; !stop.get() && i < 10_000; i++) {
                try {
                    send("carol", "during " + i);
                    acknowledged.add("during " + i);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        });
        Thread flags = Thread.ofVirtual().start(() -> {
            try (RawImap imap = RawImap.login(source.imapPort(), "carol@office.test", TestPostroom.PASSWORD)) {
                imap.command("s SELECT INBOX").expectOk();
                for (int i = 0; !stop.get() && i < 10_000; i++) imap.command("f STORE 1:* " + (i % 2 == 0 ? "+" : "-") + "FLAGS (\\Seen)").expectOk();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        await().atMost(WAIT).until(() -> acknowledged.size() >= 3);
        List<String> beforeBackup = List.copyOf(acknowledged);

        Path archive = dir.resolve("backups/office.tar.zst");
        Cli.Result backup = Cli.run("backup", archive.toString(), "--data", a.toString());
        stop.set(true);
        arrivals.join();
        flags.join();
        assertThat(backup.code()).as(backup.toString()).isZero();
        System.out.println(backup.out().strip() + "; acknowledged for carol during it: " + (acknowledged.size() - beforeBackup.size()));
        assertThat(backup.out()).contains("tar.zst", "schema version");
        assertThat(Cli.run("backup", archive.toString(), "--data", a.toString()).code()).as("an existing DEST").isEqualTo(ExitCodes.CONFLICT);

        Cli.Result onRunning = Cli.run("restore", archive.toString(), "--data", a.toString(), "--force");
        assertThat(onRunning.code()).as(onRunning.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(onRunning.err()).contains("a server runs on");

        Path b = dir.resolve("b");
        Cli.Result restore = Cli.run("restore", archive.toString(), "--data", b.toString());
        assertThat(restore.code()).as(restore.toString()).isZero();
        assertThat(Cli.run("restore", archive.toString(), "--data", b.toString()).code()).as("a non-empty target").isEqualTo(ExitCodes.CONFLICT);

        // alice's and bob's mail did not change during the backup: every file alike, path (folder, flags), bytes and time
        for (String user : List.of("alice", "bob")) {
            Map<String, MailFiles.Facts> was = MailFiles.under(mailbox(a, user));
            assertThat(MailFiles.under(mailbox(b, user))).as(user).isEqualTo(was).isNotEmpty();
        }
        assertThat(MailFiles.under(mailbox(b, "alice")).keySet()).anyMatch(p -> p.startsWith(".Projects/cur/"));
        // carol's: everything acknowledged before the backup began is there, and every file is one of the source's
        Map<String, String> carolSource = byUniqueName(MailFiles.under(mailbox(a, "carol")));
        Map<String, String> carolRestored = byUniqueName(MailFiles.under(mailbox(b, "carol")));
        assertThat(carolSource).containsAllEntriesOf(carolRestored);
        String carolText = allText(mailbox(b, "carol"));
        for (int i = 0; i < 20; i++) assertThat(carolText).contains("Subject: early " + i + "\r\n");
        for (String subject : beforeBackup) assertThat(carolText).contains("Subject: " + subject + "\r\n");
        // the queue's messages, and every table of the directory database (users, aliases, groups, domains, ledger)
        assertThat(msgFiles(b)).isEqualTo(msgFiles(a)).isNotEmpty();
        assertThat(tables(b.resolve("postroom.db"))).isEqualTo(tables(a.resolve("postroom.db")));
        assertThat(tables(b.resolve("postroom.db")).get("collect_seen")).hasSize(1);
        assertThat(Files.exists(b.resolve("trace.db"))).isTrue();
        try (Database db = Database.openExisting(b.resolve("postroom.db"))) {
            Directory copy = new Directory(db, source.directory().rules());
            assertThat(copy.users()).isEqualTo(source.directory().users());
            assertThat(copy.aliases()).isEqualTo(source.directory().aliases()).isNotEmpty();
            assertThat(copy.groups()).isEqualTo(source.directory().groups()).isNotEmpty();
            assertThat(copy.domains()).isEqualTo(source.directory().domains()).hasSize(2);
        }

        source.close();
        source = null;
        restored = TestPostroom.start(b);
        readAliceOverImap();
        try (RawPop3 pop3 = RawPop3.login(restored.pop3Port(), "bob@office.test", TestPostroom.PASSWORD)) {
            assertThat(pop3.command("STAT")).startsWith("+OK 3 ");
            assertThat(pop3.command("RETR 1")).startsWith("+OK");
            assertThat(new String(pop3.body(), StandardCharsets.UTF_8)).contains("Subject: for bob 0");
        }
    }

    private void startSource(Path a) throws Exception {
        provider = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        provider.start();
        provider.setUser("office@provider.test", "office", "secret");
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // closed again: the smarthost is down, so outside mail stays queued
        }
        source = TestPostroom.start(a, "[relay]\nsmarthosts = [\"127.0.0.1:" + deadPort + "\"]\ntls = \"none\"\n"
                + "[[collect.account]]\nname = \"office\"\nhost = \"127.0.0.1\"\nport = " + provider.getPop3().getPort()
                + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"secret\"\nmode = \"multi-drop\"\ninterval = \"1h\"\n");
        MailAddress alice = source.addUser("alice");
        MailAddress bob = source.addUser("bob");
        MailAddress carol = source.addUser("carol");
        source.directory().addDomain("branch.test");
        source.directory().addAlias(new MailAddress("team", TestPostroom.DOMAIN), List.of(alice, bob));
        source.directory().addGroup(new MailAddress("all", TestPostroom.DOMAIN), true, List.of(alice, bob, carol));
        for (int i = 0; i < 5; i++) send("alice", "for alice " + i);
        for (int i = 0; i < 3; i++) send("bob", "for bob " + i);
        try (RawSmtp smtp = RawSmtp.connect(source.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<alice@office.test>");
            smtp.command("RCPT TO:<someone@example.com>");
            smtp.command("DATA");
            assertThat(smtp.command("Subject: to the outside\r\n\r\nqueued\r\n.")).startsWith("250 ");
        }
        provider.getUserManager().getUser("office").deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
                "Delivered-To: alice@office.test\r\nFrom: x@outside.test\r\nTo: alice@office.test\r\nSubject: collected\r\nMessage-ID: <c1@x>\r\n\r\nhi\r\n"
                        .getBytes(StandardCharsets.UTF_8))));
        CollectControl.Reply collected = CollectControl.throughServer(a, Optional.of("office"), WAIT);
        assertThat(collected.ok()).as(collected.message()).isTrue();

        try (Store store = angus(source.imapPort())) {
            store.getFolder("Projects").create(Folder.HOLDS_MESSAGES);
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(6);
            Message[] m = inbox.getMessages();
            m[0].setFlag(Flags.Flag.FLAGGED, true);
            m[1].setFlag(Flags.Flag.SEEN, true);
            m[1].setFlags(new Flags("projectx"), true);
            inbox.moveMessages(new Message[] {m[2]}, store.getFolder("Projects"));
            inbox.close(false);
        }
    }

    private void readAliceOverImap() throws Exception {
        try (Store store = angus(restored.imapPort())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(5);
            Message[] m = inbox.getMessages();
            assertThat(m[0].isSet(Flags.Flag.FLAGGED)).isTrue();
            assertThat(m[1].isSet(Flags.Flag.SEEN)).isTrue();
            assertThat(m[1].getFlags().contains("projectx")).isTrue();
            assertThat(m[0].getSubject()).isEqualTo("for alice 0");
            Folder projects = store.getFolder("Projects");
            projects.open(Folder.READ_ONLY);
            assertThat(projects.getMessageCount()).isEqualTo(1);
            assertThat(projects.getMessage(1).getSubject()).isEqualTo("for alice 2");
        }
    }

    private static Store angus(int port) throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", String.valueOf(port));
        props.put("mail.imap.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("alice@office.test", TestPostroom.PASSWORD);
        return store;
    }

    private void send(String localPart, String subject) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(source.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<x@outside.test>");
            smtp.command("RCPT TO:<" + localPart + "@office.test>");
            smtp.command("DATA");
            String reply = smtp.command("Subject: " + subject + "\r\n\r\nbody of " + subject + "\r\n.");
            assertThat(reply).startsWith("250 ");
        }
    }

    private static Path mailbox(Path data, String user) {
        return data.resolve("mail").resolve(TestPostroom.DOMAIN).resolve(user);
    }

    private static Map<String, String> byUniqueName(Map<String, MailFiles.Facts> files) {
        Map<String, String> out = new TreeMap<>();
        files.forEach((path, facts) -> {
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (path.contains("cur/") || path.contains("new/")) out.put(Maildir.uniqueName(name), facts.sha256());
        });
        return out;
    }

    private static String allText(Path maildir) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String sub : List.of("new", "cur")) {
            try (var files = Files.newDirectoryStream(maildir.resolve(sub))) {
                for (Path f : files) out.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    private static Map<String, MailFiles.Facts> msgFiles(Path data) {
        Map<String, MailFiles.Facts> out = new TreeMap<>(MailFiles.under(data.resolve("queue")));
        out.keySet().removeIf(name -> !name.endsWith(".msg"));
        return out;
    }

    /** Every row of every table, as text, by table. */
    static Map<String, List<String>> tables(Path db) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (r.next()) names.add(r.getString(1));
            }
            for (String table : names) {
                List<String> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) row.append(r.getString(i)).append('|');
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                out.put(table, rows);
            }
        }
        return out;
    }
}
