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
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/** {@code [trace] reads}: a message read and then deleted over POP3 by Angus Mail gets both steps in its story, and only when asked for. */
class TraceReadsTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    private String send() throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<carol@outside.test>");
            smtp.command("RCPT TO:<alice@office.test>");
            smtp.command("DATA");
            String reply = smtp.command("Subject: read me\r\nMessage-ID: <read-me@outside.test>\r\n\r\nhello\r\n.");
            return reply.substring(reply.lastIndexOf(' ') + 1);
        }
    }

    /** RETR of every message, then DELE of every message and QUIT, as Angus Mail's POP3 provider does them. */
    private void readAndDelete() throws Exception {
        Properties props = new Properties();
        props.put("mail.pop3.host", "127.0.0.1");
        props.put("mail.pop3.port", String.valueOf(postroom.pop3Port()));
        Store store = Session.getInstance(props).getStore("pop3");
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

    @Test
    void readAndDeletedOverPop3AreStepsOfTheMessageWhenReadsAreOn() throws Exception {
        postroom = TestPostroom.start(dir, "[trace]\nreads = true\n");
        postroom.addUser("alice");
        String id = send();
        readAndDelete();
        List<MessageStory> found = Traces.find(postroom, id);
        assertThat(found).hasSize(1);
        assertThat(Traces.kinds(found.getFirst())).containsExactly(EventKind.ACCEPTED, EventKind.DELIVERED, EventKind.READ, EventKind.REMOVED);
        Event read = found.getFirst().steps().get(2);
        assertThat(read.door()).isEqualTo("pop3");
        assertThat(read.addresses()).containsExactly("alice@office.test");
        assertThat(read.messageId()).isEqualTo("read-me@outside.test");
        assertThat(found.getFirst().verdict()).isEqualTo("delivered to alice; read by alice; deleted by its reader alice");
    }

    @Test
    void readsAreNotRecordedByDefault() throws Exception {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        String id = send();
        readAndDelete();
        assertThat(Traces.kinds(Traces.find(postroom, id).getFirst())).containsExactly(EventKind.ACCEPTED, EventKind.DELIVERED);
    }
}
