package org.postroom.trace;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * The trace of mail that comes in over SMTP, sent by real clients: Angus Mail for an accepted message, raw commands
 * for refusals. Each message is then found by each kind of key: address, Message-ID with and without brackets,
 * queue id, client address.
 */
class TraceSmtpTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    @Test
    void anAcceptedMessageIsTracedWithDoorClientSenderRecipientsSizeAndMessageIdAndFoundByEveryKey() throws Exception {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        postroom.addUser("bob");
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(postroom.smtpPort()));
        props.put("mail.smtp.localhost", "client.office.test");
        Session session = Session.getInstance(props);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("carol@outside.test"));
        m.setRecipients(Message.RecipientType.TO, "alice@office.test, bob@office.test");
        m.setSubject("traced");
        m.setText("hello");
        m.saveChanges();
        String messageId = m.getMessageID();
        try (Transport transport = session.getTransport("smtp")) { // not Transport.send: it would make a new Message-ID
            transport.connect();
            transport.sendMessage(m, m.getAllRecipients());
        }

        List<MessageStory> byAddress = Traces.find(postroom, "Bob@Office.test");
        assertThat(byAddress).hasSize(1);
        MessageStory story = byAddress.getFirst();
        assertThat(Traces.kinds(story)).containsExactly(EventKind.ACCEPTED, EventKind.DELIVERED);
        Event accepted = story.steps().getFirst();
        assertThat(accepted.door()).isEqualTo("smtp");
        assertThat(accepted.client()).isEqualTo("127.0.0.1");
        assertThat(accepted.sender()).isEqualTo("carol@outside.test");
        assertThat(accepted.addresses()).containsExactly("alice@office.test", "bob@office.test");
        assertThat(accepted.messageId()).isEqualTo(messageId.substring(1, messageId.length() - 1));
        assertThat(accepted.detail("helo")).isEqualTo("client.office.test");
        assertThat(Long.parseLong(accepted.detail("size"))).isPositive();
        assertThat(story.verdict()).isEqualTo("delivered to alice, bob");

        // The same message by each other kind of key.
        assertThat(Traces.find(postroom, messageId)).extracting(MessageStory::message).containsExactly(story.message());
        assertThat(Traces.find(postroom, messageId.substring(1, messageId.length() - 1))).extracting(MessageStory::message)
                .containsExactly(story.message());
        assertThat(Traces.find(postroom, story.message())).extracting(MessageStory::message).containsExactly(story.message());
        assertThat(Traces.find(postroom, "127.0.0.1")).extracting(MessageStory::message).containsExactly(story.message());
        assertThat(Traces.find(postroom, "carol@outside.test")).hasSize(1);
        assertThat(Traces.find(postroom, "nobody@office.test")).isEmpty();
        // The queue id is the one the client was told.
        assertThat(postroom.readDelivered(postroom.delivered("alice").getFirst())).contains("id " + story.message());
    }

    @Test
    void refusalsAreTracedWithTheCommandTheReplyAndTheAddress() throws Exception {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            assertThat(smtp.command("MAIL FROM:<carol@outside.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<ghost@office.test>")).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<someone@elsewhere.test>")).startsWith("451 4.3.5"); // no smarthost here
            smtp.command("QUIT");
        }
        List<MessageStory> ghost = Traces.find(postroom, "ghost@office.test");
        assertThat(ghost).hasSize(1);
        Event refused = ghost.getFirst().steps().getFirst();
        assertThat(refused.kind()).isEqualTo(EventKind.REFUSED);
        assertThat(refused.detail("command")).isEqualTo("RCPT");
        assertThat(refused.detail("reply")).startsWith("550 5.1.1");
        assertThat(refused.sender()).isEqualTo("carol@outside.test");
        assertThat(refused.client()).isEqualTo("127.0.0.1");
        // Both refusals of the session are one story; the verdict names each.
        assertThat(ghost.getFirst().verdict()).startsWith("refused: unknown user ghost@office.test; refused at RCPT: 451 4.3.5")
                .contains("someone@elsewhere.test");
        assertThat(Traces.find(postroom, "someone@elsewhere.test")).hasSize(1);
    }

    @Test
    void aMessageRefusedAtTheEndOfDataIsTraced() throws Exception {
        postroom = TestPostroom.start(dir, "[smtp]\nport = 0\nsubmission_port = 0\nsubmissions_port = 0\nmax_message_size = 2048\n");
        postroom.addUser("alice");
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<carol@outside.test>");
            smtp.command("RCPT TO:<alice@office.test>");
            smtp.command("DATA");
            assertThat(smtp.command("Subject: big\r\n\r\n" + "x".repeat(100) + "\r\n" + ("y".repeat(70) + "\r\n").repeat(40) + ".")).startsWith("552");
        }
        List<MessageStory> found = Traces.find(postroom, "alice@office.test");
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().steps().getFirst().detail("command")).isEqualTo("DATA");
        assertThat(found.getFirst().verdict()).startsWith("refused at DATA: 552");
    }

    @Test
    void limitRefusalsAtMailAndRcptAreTraced() throws Exception {
        postroom = TestPostroom.start(dir, "[smtp]\nport = 0\nsubmission_port = 0\nsubmissions_port = 0\nmax_message_size = 2048\nmax_recipients = 1\n");
        postroom.addUser("alice");
        postroom.addUser("bob");
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            assertThat(smtp.command("MAIL FROM:<big@outside.test> SIZE=999999")).startsWith("552");
            smtp.command("MAIL FROM:<carol@outside.test>");
            smtp.command("RCPT TO:<alice@office.test>");
            assertThat(smtp.command("RCPT TO:<bob@office.test>")).startsWith("452");
        }
        // One session: its refusals are one story, found by either address.
        MessageStory big = Traces.find(postroom, "big@outside.test").getFirst();
        assertThat(big.verdict()).isEqualTo("refused at MAIL: 552 5.3.4 Message size exceeds fixed maximum message size; "
                + "refused at RCPT: 452 4.5.3 Too many recipients (for bob@office.test)");
        assertThat(Traces.find(postroom, "bob@office.test")).extracting(MessageStory::message).containsExactly(big.message());
    }
}
