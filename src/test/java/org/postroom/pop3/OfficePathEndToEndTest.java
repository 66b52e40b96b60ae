package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.testing.TestPostroom;

/**
 * The whole office path with a client Postroom did not write: Alice submits a message to Bob over SMTP (STARTTLS,
 * AUTH), Bob downloads it over POP3 (STLS). What Bob gets is byte for byte what Alice's client sent, with only
 * Postroom's trace headers ({@code Return-Path}, {@code Received}) in front.
 */
class OfficePathEndToEndTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        postroom.addUser("bob");
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    @Test
    void aliceSendsBobDownloadsTheSameBytes() throws Exception {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(postroom.port(SmtpDoor.SUBMISSION)));
        smtp.put("mail.smtp.auth", "true");
        smtp.put("mail.smtp.starttls.enable", "true");
        smtp.put("mail.smtp.starttls.required", "true");
        smtp.put("mail.smtp.ssl.trust", "*");
        smtp.put("mail.smtp.ssl.checkserveridentity", "false");
        smtp.put("mail.smtp.localhost", "alice-laptop.office.test");
        smtp.put("mail.smtp.timeout", "10000");
        Session sending = Session.getInstance(smtp);
        MimeMessage message = new MimeMessage(sending);
        message.setFrom(new InternetAddress("alice@office.test", "Alice"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@office.test"));
        message.setSubject("Minutes of Tuesday's meeting – draft", "UTF-8");
        message.setSentDate(new Date());
        message.setText("Hi Bob,\r\n\r\n.a line that starts with a dot\r\n..and one with two\r\n.\r\nÜmlauts and € too.\r\n", "UTF-8");
        message.saveChanges(); // fixes Message-ID and the encodings: what is written below is what is sent
        ByteArrayOutputStream sentBytes = new ByteArrayOutputStream();
        message.writeTo(sentBytes);
        try (Transport transport = sending.getTransport("smtp")) {
            transport.connect("alice@office.test", TestPostroom.PASSWORD);
            transport.sendMessage(message, message.getAllRecipients());
        }

        Properties pop3 = new Properties();
        pop3.put("mail.pop3.host", "127.0.0.1");
        pop3.put("mail.pop3.port", String.valueOf(postroom.pop3Port()));
        pop3.put("mail.pop3.starttls.enable", "true");
        pop3.put("mail.pop3.starttls.required", "true");
        pop3.put("mail.pop3.ssl.trust", "*");
        pop3.put("mail.pop3.ssl.checkserveridentity", "false");
        pop3.put("mail.pop3.timeout", "10000");
        ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
        String subject;
        try (Store store = Session.getInstance(pop3).getStore("pop3")) {
            store.connect("bob@office.test", TestPostroom.PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            Message received = inbox.getMessage(1);
            received.writeTo(downloaded); // Angus streams RETR straight into the stream: the bytes on the wire, un-stuffed
            subject = received.getSubject();
            received.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
            inbox.close(true);
        }

        String sent = sentBytes.toString(StandardCharsets.UTF_8);
        String got = downloaded.toString(StandardCharsets.UTF_8);
        assertThat(sent).contains("\r\n.a line that starts with a dot\r\n"); // so dot-stuffing is on the path both ways
        assertThat(got).endsWith(sent);
        String trace = got.substring(0, got.length() - sent.length());
        assertThat(trace).matches("Return-Path: <alice@office\\.test>\r\nReceived: from alice-laptop\\.office\\.test \\(\\[127\\.0\\.0\\.1]\\)\r\n"
                + "(\t[^\r\n]*\r\n)+");
        assertThat(trace).contains("(authenticated as alice@office.test)").contains("for <bob@office.test>");
        assertThat(subject).isEqualTo("Minutes of Tuesday's meeting – draft");
        assertThat(postroom.mailFiles("bob")).isEmpty(); // downloaded and deleted
        assertThat(Files.exists(postroom.maildir("alice").root())).isFalse();
    }
}
