package org.postroom.store.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;
import org.postroom.pop3.Uidl;
import org.postroom.store.Maildir;
import org.postroom.testing.RawPop3;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * The doors share the folders of a running server: SMTP deliveries and POP3's seen marks and deletions reach a
 * listener of the shared INBOX (what an idling IMAP session is), and POP3's UIDLs do not change when IMAP's UIDs are
 * added to the file names. Real sockets, a real server.
 */
class DoorsShareFoldersTest {
    @TempDir
    Path data;
    TestPostroom postroom;
    MailAddress alice;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(data);
        alice = postroom.addUser("alice");
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    private Folder inbox() throws Exception {
        return postroom.serverStore().folders(alice).open("INBOX");
    }

    private List<String> uidls() throws Exception {
        try (RawPop3 pop = RawPop3.login(postroom.pop3Port(), "alice@office.test", TestPostroom.PASSWORD)) {
            pop.expectOk(pop.command("UIDL"));
            List<String> lines = pop.lines();
            pop.expectOk(pop.command("QUIT"));
            return lines;
        }
    }

    private void send(String subject) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<someone@example.com>");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250");
            smtp.command("DATA");
            assertThat(smtp.command("Subject: " + subject + "\r\n\r\nhello\r\n.")).startsWith("250");
        }
    }

    @Test
    void pop3UidlsOfExistingMailStayTheSameAfterUidsAreGiven() throws Exception {
        // Mail as Postroom stored it before IMAP: no ,U= in the names, one read (cur/, :2,S) and one not.
        Maildir maildir = postroom.maildir("alice");
        maildir.create();
        String unread = "1733000000.M1P100Q1.mx.office.test";
        String read = "1733000001.M2P100Q2.mx.office.test";
        Path a = Files.writeString(maildir.newDir().resolve(unread + ",S=23"), "Subject: a\r\n\r\nhello\r\n");
        Path b = Files.writeString(maildir.cur().resolve(read + ",S=23:2,S"), "Subject: b\r\n\r\nhello\r\n");
        Files.setLastModifiedTime(a, FileTime.fromMillis(1_733_000_000_000L));
        Files.setLastModifiedTime(b, FileTime.fromMillis(1_733_000_001_000L));
        List<String> before = List.of("1 " + Uidl.of(unread), "2 " + Uidl.of(read)); // what POP3 answered before IMAP

        assertThat(uidls()).isEqualTo(before);
        Folder inbox = inbox();
        assertThat(inbox.snapshot().messages()).extracting(MessageInfo::uniqueName).containsExactly(unread, read);
        inbox.store(List.of(1L), new Folder.FlagChange(Folder.FlagChange.Mode.ADD, MessageInfo.FLAGGED, Set.of("Work")), Long.MAX_VALUE);
        assertThat(postroom.mailFiles("alice")).containsExactlyInAnyOrder(
                "cur/" + unread + ",S=23,U=1:2,Fa", "cur/" + read + ",S=23,U=2:2,S");
        assertThat(uidls()).isEqualTo(before);
        postroom.close();
        postroom = TestPostroom.start(data); // and after a restart
        assertThat(uidls()).isEqualTo(before);
    }

    @Test
    void theQuotaAtRcptCountsEveryFolder() throws Exception {
        MailAddress bob = new MailAddress("bob", "office.test");
        postroom.directory().addUser(bob, "bob", TestPostroom.PASSWORD.toCharArray(), false, 10_000);
        UserFolders folders = postroom.serverStore().folders(bob);
        folders.ensureSpecialFolders();
        byte[] big = ("Subject: sent\r\n\r\n" + "x".repeat(9_000) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        folders.open("Sent").append(out -> out.write(big), MessageInfo.SEEN, Set.of(), null); // INBOX is empty
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<someone@example.com> SIZE=2000");
            assertThat(smtp.command("RCPT TO:<bob@office.test>")).startsWith("452"); // full, by what is in Sent
        }
    }

    @Test
    void pop3SeenMarksAndDeletionsReachTheSharedFolder() throws Exception {
        send("one");
        send("two");
        Folder inbox = inbox();
        inbox.snapshot();
        AtomicInteger heard = new AtomicInteger();
        try (AutoCloseable listening = inbox.listen(heard::incrementAndGet)) {
            try (RawPop3 pop = RawPop3.login(postroom.pop3Port(), "alice@office.test", TestPostroom.PASSWORD)) {
                pop.expectOk(pop.command("RETR 1"));
                pop.body();
                pop.expectOk(pop.command("DELE 2"));
                pop.expectOk(pop.command("QUIT"));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.get() >= 2); // the removal, the seen flag
        }
        FolderSnapshot now = inbox.snapshot();
        assertThat(now.messages()).extracting(MessageInfo::uid).containsExactly(1L);
        assertThat(now.messages().getFirst().has(MessageInfo.SEEN)).isTrue();
    }

    @Test
    void anSmtpDeliveryReachesAnIdlingListenerWellUnder50Ms() throws Exception {
        Folder inbox = inbox();
        inbox.snapshot();
        Semaphore wake = new Semaphore(0);
        List<Long> seenAt = new ArrayList<>();
        Thread session = Thread.ofVirtual().start(() -> { // what an IMAP session in IDLE does: wait, then look
            int known = 0;
            try {
                while (wake.tryAcquire(10, TimeUnit.SECONDS)) {
                    int count = inbox.snapshot().messages().size();
                    if (count > known) {
                        synchronized (seenAt) {
                            seenAt.add(System.nanoTime());
                        }
                        known = count;
                    }
                }
            } catch (Exception e) {
                // the test's end
            }
        });
        List<Long> delays = new ArrayList<>();
        try (AutoCloseable listening = inbox.listen(wake::release)) {
            for (int i = 0; i < 15; i++) {
                send("m" + i);
                long accepted = System.nanoTime(); // after the 250
                int index = i;
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    synchronized (seenAt) {
                        return seenAt.size() > index;
                    }
                });
                synchronized (seenAt) {
                    delays.add(Math.max(0, seenAt.get(index) - accepted));
                }
            }
        }
        session.interrupt();
        delays.sort(null);
        long medianMillis = TimeUnit.NANOSECONDS.toMillis(delays.get(delays.size() / 2));
        System.out.println("delivery to shared folder snapshot, median after the 250: " + medianMillis + " ms, all (ns): " + delays);
        assertThat(medianMillis).isLessThan(50);
        assertThat(inbox.snapshot().messages()).hasSize(15);
    }
}
