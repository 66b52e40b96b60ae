package org.postroom.trace;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawImap;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * {@code [trace] reads} over IMAP: a body fetch that sets \Seen is a READ step, EXPUNGE, UID EXPUNGE, CLOSE and MOVE
 * are REMOVED steps of the message's story (door {@code imap}); a .PEEK fetch is no read; nothing at all by default.
 */
class ImapTraceReadsTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    /** Sends one message to alice over SMTP; returns its id (the last word of the 250 after DATA). */
    private String send(String messageId) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<carol@outside.test>");
            smtp.command("RCPT TO:<alice@office.test>");
            smtp.command("DATA");
            String reply = smtp.command("Subject: read me\r\nMessage-ID: <" + messageId + ">\r\n\r\nhello\r\n.");
            return reply.substring(reply.lastIndexOf(' ') + 1);
        }
    }

    /** Angus Mail's IMAP provider: reads each message's content (BODY[] without PEEK), flags it \Deleted, CLOSE. */
    private void readAndDeleteWithAngus() throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", String.valueOf(postroom.imapPort()));
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("alice@office.test", TestPostroom.PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message m : inbox.getMessages()) {
                assertThat(m.getContent().toString()).contains("hello");
                m.setFlag(Flags.Flag.DELETED, true);
            }
            inbox.close(true);
        } finally {
            store.close();
        }
    }

    private static MessageStory only(List<MessageStory> found) {
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    @Test
    void readAndDeletedOverImapAreStepsOfTheMessageWhenReadsAreOn() throws Exception {
        postroom = TestPostroom.start(dir, "[trace]\nreads = true\n");
        postroom.addUser("alice");
        String id = send("read-me@outside.test");
        readAndDeleteWithAngus();
        MessageStory story = only(Traces.find(postroom, id));
        assertThat(Traces.kinds(story)).containsExactly(EventKind.ACCEPTED, EventKind.DELIVERED, EventKind.READ, EventKind.REMOVED);
        Event read = story.steps().get(2);
        assertThat(read.door()).isEqualTo("imap");
        assertThat(read.addresses()).containsExactly("alice@office.test");
        assertThat(read.messageId()).isEqualTo("read-me@outside.test");
        assertThat(read.detail("folder")).isEqualTo("INBOX");
        assertThat(story.steps().get(3).door()).isEqualTo("imap");
        assertThat(story.verdict()).isEqualTo("delivered to alice; read by alice; deleted by its reader alice");
        // The story is found by its Message-ID too: the IMAP steps carry it.
        assertThat(Traces.kinds(only(Traces.find(postroom, "<read-me@outside.test>")))).contains(EventKind.READ, EventKind.REMOVED);
    }

    @Test
    void peekIsNoReadAndUidExpungeAndMoveAreRemovals() throws Exception {
        postroom = TestPostroom.start(dir, "[trace]\nreads = true\n");
        postroom.addUser("alice");
        String first = send("first@outside.test");
        String second = send("second@outside.test");
        String third = send("third@outside.test");
        try (RawImap imap = RawImap.login(postroom.imapPort(), "alice@office.test", TestPostroom.PASSWORD)) {
            imap.command("A1 CREATE Archive").expectOk();
            imap.command("A2 SELECT INBOX").expectOk();
            imap.command("A3 FETCH 1:3 BODY.PEEK[]").expectOk(); // RFC 3501 6.4.5: .PEEK sets no \Seen
            imap.command("A4 FETCH 1 BODY[TEXT]").expectOk(); // sets \Seen on the first: a read
            imap.command("A5 FETCH 1 BODY[TEXT]").expectOk(); // already \Seen: no second read
            imap.command("A6 STORE 1:2 +FLAGS (\\Deleted)").expectOk();
            imap.command("A7 UID EXPUNGE 1").expectOk(); // only UID 1 of the two \Deleted
            imap.command("A8 MOVE 2 Archive").expectOk(); // the third message, now number 2
            imap.command("A9 SELECT Archive").expectOk();
            imap.command("A10 FETCH 1 BODY.PEEK[]").expectOk();
            imap.command("A11 LOGOUT");
        }
        assertThat(Traces.kinds(only(Traces.find(postroom, first))))
                .containsExactly(EventKind.ACCEPTED, EventKind.DELIVERED, EventKind.READ, EventKind.REMOVED);
        assertThat(Traces.kinds(only(Traces.find(postroom, second)))).containsExactly(EventKind.ACCEPTED, EventKind.DELIVERED);
        MessageStory moved = only(Traces.find(postroom, third));
        assertThat(Traces.kinds(moved)).containsExactly(EventKind.ACCEPTED, EventKind.DELIVERED, EventKind.REMOVED);
        Event removed = moved.steps().get(2);
        assertThat(removed.door()).isEqualTo("imap");
        assertThat(removed.detail("folder")).isEqualTo("INBOX");
        assertThat(removed.messageId()).isEqualTo("third@outside.test");
    }

    @Test
    void imapReadsAreNotRecordedByDefault() throws Exception {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        String id = send("read-me@outside.test");
        readAndDeleteWithAngus();
        assertThat(Traces.kinds(only(Traces.find(postroom, id)))).containsExactly(EventKind.ACCEPTED, EventKind.DELIVERED);
    }
}
