package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.Maildir;
import org.postroom.testing.RawPop3;
import org.postroom.testing.TestPostroom;

/**
 * What POP3 does to the mailbox: deletion only in UPDATE after QUIT, nothing deleted by a dropped connection or
 * the idle timeout, one session per mailbox, mail arriving during a session kept for the next, the seen flag,
 * and UIDLs that survive flags, sessions and restarts.
 */
class Pop3MailboxTest {
    static final String MESSAGE = "Subject: hi\r\n\r\nbody\r\n";

    @TempDir
    Path dir;
    TestPostroom postroom;

    void start(String extraToml) {
        postroom = TestPostroom.start(dir, extraToml);
        if (postroom.directory().findUser(org.postroom.message.MailAddress.parse("alice@office.test")).isEmpty()) postroom.addUser("alice");
    }

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    RawPop3 login() throws Exception {
        return RawPop3.login(postroom.pop3Port(), "alice@office.test", TestPostroom.PASSWORD);
    }

    /** Waits until the server has ended the earlier session (its lock is free): a new login succeeds. */
    void awaitMailboxFree() {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
                pop.line();
                pop.command("USER alice");
                String answer = pop.command("PASS " + TestPostroom.PASSWORD);
                if (answer.startsWith("+OK")) pop.command("QUIT");
                return answer.startsWith("+OK");
            }
        });
    }

    @Test
    void deletionHappensOnlyAfterQuit() throws Exception {
        start("");
        postroom.deliver("alice", MESSAGE);
        postroom.deliver("alice", MESSAGE);
        try (RawPop3 pop = login()) {
            assertThat(pop.command("DELE 1")).startsWith("+OK");
            assertThat(pop.command("DELE 2")).startsWith("+OK");
            assertThat(postroom.mailFiles("alice")).hasSize(2); // marked, not yet removed
            assertThat(pop.command("QUIT")).isEqualTo("+OK Bye, 2 messages deleted, 0 left");
        }
        assertThat(postroom.mailFiles("alice")).isEmpty();
    }

    @Test
    void aDroppedConnectionDeletesNothingButKeepsTheSeenFlag() throws Exception {
        start("");
        String first = postroom.deliver("alice", MESSAGE);
        String second = postroom.deliver("alice", MESSAGE);
        try (RawPop3 pop = login()) {
            pop.expectOk(pop.command("RETR 1"));
            pop.body();
            pop.expectOk(pop.command("DELE 1"));
            pop.expectOk(pop.command("DELE 2"));
        } // hung up without QUIT
        awaitMailboxFree();
        // The shared INBOX gave both UIDs at login (",U=", the UIDL unchanged); the retrieved one is flagged seen.
        assertThat(postroom.mailFiles("alice")).containsExactlyInAnyOrder("cur/" + first + ",U=1:2,S", "cur/" + second + ",U=2:2,");
    }

    @Test
    void theIdleTimeoutSaysErrClosesAndDeletesNothing() throws Exception {
        start("[pop3]\nport = 0\ntls_port = 0\nidle_timeout = \"1s\"\n");
        postroom.deliver("alice", MESSAGE);
        try (RawPop3 pop = login()) {
            pop.expectOk(pop.command("DELE 1"));
            long before = System.nanoTime();
            // RFC 1939 3: no UPDATE; an -ERR saying why (issue 10 item 11), then the end of the connection.
            assertThat(pop.line()).startsWith("-ERR ").contains("Timeout");
            assertThat(pop.isClosedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(8));
        }
        awaitMailboxFree();
        assertThat(postroom.mailFiles("alice")).hasSize(1);
    }

    @Test
    void shutdownClosesIdleSessionsWithoutDeleting() throws Exception {
        start("");
        postroom.deliver("alice", MESSAGE);
        try (RawPop3 pop = login()) {
            pop.expectOk(pop.command("DELE 1"));
            long before = System.nanoTime();
            postroom.close();
            postroom = null;
            assertThat(pop.isClosedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5)); // woken, not timed out
        }
        start("");
        assertThat(postroom.mailFiles("alice")).hasSize(1);
    }

    @Test
    void aSecondSessionFindsTheMailboxInUse() throws Exception {
        start("");
        postroom.deliver("alice", MESSAGE);
        try (RawPop3 first = login(); RawPop3 second = RawPop3.connect(postroom.pop3Port())) {
            second.expectOk(second.line());
            second.expectOk(second.command("USER alice@office.test"));
            assertThat(second.command("PASS " + TestPostroom.PASSWORD)).isEqualTo("-ERR [IN-USE] Mailbox is in use by another POP3 session");
            // Still in AUTHORIZATION: it may try again once the first session is over.
            first.expectOk(first.command("QUIT"));
            assertThat(first.isClosedByServer()).isTrue();
            second.expectOk(second.command("USER alice"));
            assertThat(second.command("PASS " + TestPostroom.PASSWORD)).startsWith("+OK Logged in, 1 messages");
            second.expectOk(second.command("QUIT"));
        }
    }

    @Test
    void mailArrivingDuringASessionIsNotShownAndNotLost() throws Exception {
        start("");
        postroom.deliver("alice", MESSAGE);
        try (RawPop3 pop = login()) {
            String late = postroom.deliver("alice", "Subject: late\r\n\r\narrived during the session\r\n");
            assertThat(pop.command("STAT")).isEqualTo("+OK 1 " + MESSAGE.length());
            assertThat(pop.command("RETR 2")).isEqualTo("-ERR No such message");
            pop.expectOk(pop.command("DELE 1"));
            pop.expectOk(pop.command("QUIT"));
            assertThat(postroom.mailFiles("alice")).containsExactly("cur/" + late + ",U=2:2,"); // kept; a UID, not a flag
        }
        try (RawPop3 pop = login()) {
            assertThat(pop.command("RETR 1")).startsWith("+OK");
            assertThat(new String(pop.body(), StandardCharsets.UTF_8)).contains("arrived during the session");
            pop.command("QUIT");
        }
    }

    @Test
    void uidlsStayTheSameAcrossFlagsSessionsAndRestarts() throws Exception {
        start("");
        String first = postroom.deliver("alice", MESSAGE);
        String second = postroom.deliver("alice", MESSAGE);
        List<String> uidls;
        try (RawPop3 pop = login()) {
            pop.expectOk(pop.command("UIDL"));
            uidls = pop.lines();
            assertThat(uidls).containsExactly("1 " + Maildir.uniqueName(first), "2 " + Maildir.uniqueName(second));
            pop.expectOk(pop.command("RETR 2")); // moves it to cur/ with the seen flag, at the end of the session
            pop.body();
            pop.expectOk(pop.command("TOP 1 0")); // a preview: not "seen"
            pop.body();
            pop.expectOk(pop.command("QUIT"));
        }
        assertThat(postroom.mailFiles("alice")).containsExactlyInAnyOrder("cur/" + first + ",U=1:2,", "cur/" + second + ",U=2:2,S");
        try (RawPop3 pop = login()) {
            pop.expectOk(pop.command("UIDL"));
            assertThat(pop.lines()).isEqualTo(uidls);
            pop.expectOk(pop.command("QUIT"));
        }
        postroom.close();
        postroom = null;
        start(""); // a restart on the same data folder
        try (RawPop3 pop = login()) {
            pop.expectOk(pop.command("UIDL"));
            assertThat(pop.lines()).isEqualTo(uidls);
            pop.expectOk(pop.command("QUIT"));
        }
    }

    @Test
    void aFileNameTooLongOrOddForAUidlGetsAStableHash() throws Exception {
        start("");
        Maildir maildir = postroom.maildir("alice");
        maildir.create();
        String longName = "1700000000.M1P1Q1." + "very-long-host-name-".repeat(4) + "example";
        Files.writeString(maildir.newDir().resolve(longName + ",S=22"), MESSAGE);
        Files.writeString(maildir.cur().resolve("odd name with spaces:2,S"), MESSAGE);
        List<String> uidls;
        try (RawPop3 pop = login()) {
            pop.expectOk(pop.command("UIDL"));
            uidls = pop.lines();
            pop.expectOk(pop.command("QUIT"));
        }
        assertThat(uidls).hasSize(2).allSatisfy(line -> {
            String uid = line.substring(line.indexOf(' ') + 1);
            assertThat(Uidl.isLegal(uid)).as(uid).isTrue();
            assertThat(uid).startsWith("H").hasSize(44);
        });
        assertThat(uidls.stream().map(line -> line.substring(2)))
                .containsExactlyInAnyOrder(Uidl.of(longName), Uidl.of("odd name with spaces"));
    }

    @Test
    void anEmptyOrMissingMaildirIsAnEmptyMaildrop() throws Exception {
        start("");
        try (RawPop3 pop = login()) {
            assertThat(pop.command("STAT")).isEqualTo("+OK 0 0");
            pop.expectOk(pop.command("LIST"));
            assertThat(pop.lines()).isEmpty();
            assertThat(pop.command("QUIT")).isEqualTo("+OK Bye, 0 messages deleted, 0 left");
        }
        assertThat(Files.exists(postroom.maildir("alice").root())).isFalse(); // reading created nothing
    }
}
