package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postroom.message.MailAddress;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.testing.TestPostroom;

/**
 * Angus Mail (Jakarta Mail), an SMTP client Postroom did not write, against each of the three doors: the MTA
 * port, submission with STARTTLS and AUTH, and implicit TLS; what lands in the Maildir is checked byte for byte
 * where it matters (trace headers, submission's Message-ID and Date, one hard-linked file per user).
 */
class SmtpClientInteropTest {
    private static final String CLIENT_NAME = "laptop.client.example";

    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        postroom.addUser("bob");
        postroom.addUser("carol");
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    @Test
    void sendsToALocalUserOnTheMtaPort() throws Exception {
        Session session = Session.getInstance(properties("smtp", postroom.smtpPort()));
        MimeMessage message = message(session, "someone@example.com", "Interop over the MTA port", "alice@office.test");

        Transport.send(message);

        String stored = onlyMessageOf("alice");
        assertThat(stored).startsWith("Return-Path: <someone@example.com>\r\nReceived: from " + CLIENT_NAME + " ([127.0.0.1])\r\n");
        assertThat(stored).contains("\tby mx.office.test (Postroom) with ESMTP id ");
        assertThat(stored).doesNotContain("authenticated as").doesNotContain("(using TLS");
        assertThat(stored).contains("\r\nSubject: Interop over the MTA port\r\n");
        assertThat(stored).endsWith("Hello from Angus Mail\r\n");
    }

    @Test
    void submitsWithStartTlsAndAuthOnTheSubmissionPort() throws Exception {
        Properties props = submissionProperties("PLAIN");
        Session session = Session.getInstance(props);
        ByteArrayOutputStream debug = debugInto(session);
        MimeMessage message = message(session, "alice@office.test", "Submitted over STARTTLS", "bob@office.test");

        Transport.send(message, "alice@office.test", TestPostroom.PASSWORD);

        String stored = onlyMessageOf("bob");
        assertThat(stored).startsWith("Return-Path: <alice@office.test>\r\nReceived: from " + CLIENT_NAME + " ([127.0.0.1])\r\n");
        assertThat(stored).contains("\tby mx.office.test (Postroom) with ESMTPSA id ");
        assertThat(stored).containsPattern("\r\n\t\\(using TLSv1\\.[23] with cipher \\w+\\)\r\n");
        assertThat(stored).contains("\r\n\t(authenticated as alice@office.test)\r\n");
        assertThat(stored).contains("\r\n\tfor <bob@office.test>;\r\n");
        // The client really switched to TLS before it logged in.
        String transcript = debug.toString(StandardCharsets.UTF_8);
        assertThat(transcript.indexOf("STARTTLS")).isNotNegative().isLessThan(transcript.indexOf("AUTH PLAIN"));
    }

    @Test
    void submitsOverImplicitTlsOnTheSubmissionsPort() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtps.host", "127.0.0.1");
        props.put("mail.smtps.port", String.valueOf(postroom.port(SmtpDoor.SUBMISSIONS)));
        props.put("mail.smtps.auth", "true");
        props.put("mail.smtps.ssl.trust", "*");
        props.put("mail.smtps.ssl.checkserveridentity", "false");
        props.put("mail.smtps.localhost", CLIENT_NAME);
        props.put("mail.smtps.connectiontimeout", "10000");
        props.put("mail.smtps.timeout", "10000");
        Session session = Session.getInstance(props);
        MimeMessage message = message(session, "carol@office.test", "Submitted over implicit TLS", "alice@office.test");
        message.saveChanges();

        try (Transport transport = session.getTransport("smtps")) {
            transport.connect("carol@office.test", TestPostroom.PASSWORD);
            transport.sendMessage(message, message.getAllRecipients());
        }

        String stored = onlyMessageOf("alice");
        assertThat(stored).contains("\tby mx.office.test (Postroom) with ESMTPSA id ");
        assertThat(stored).containsPattern("\r\n\t\\(using TLSv1\\.[23] with cipher \\w+\\)\r\n");
        assertThat(stored).contains("\r\n\t(authenticated as carol@office.test)\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOGIN", "PLAIN"})
    void logsInWithEachMechanism(String mechanism) throws Exception {
        Session session = Session.getInstance(submissionProperties(mechanism));
        ByteArrayOutputStream debug = debugInto(session);
        MimeMessage message = message(session, "bob@office.test", "Login with " + mechanism, "carol@office.test");

        Transport.send(message, "bob@office.test", TestPostroom.PASSWORD);

        assertThat(debug.toString(StandardCharsets.UTF_8)).contains("AUTH " + mechanism).contains("235 2.7.0");
        assertThat(onlyMessageOf("carol")).contains("\r\n\t(authenticated as bob@office.test)\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOGIN", "PLAIN"})
    void aWrongPasswordIsAnAuthenticationFailure(String mechanism) throws Exception {
        Session session = Session.getInstance(submissionProperties(mechanism));
        MimeMessage message = message(session, "alice@office.test", "Never sent", "bob@office.test");

        assertThatThrownBy(() -> Transport.send(message, "alice@office.test", "wrong password"))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(postroom.delivered("bob")).isEmpty();
    }

    @Test
    void submissionAddsMessageIdAndDateWhenTheClientLeftThemOut() throws Exception {
        Session session = Session.getInstance(submissionProperties("PLAIN"));
        String raw = "From: alice@office.test\r\nTo: bob@office.test\r\nSubject: bare\r\n\r\nno id, no date\r\n";
        // A message parsed from bytes is sent as it is: Angus adds no headers of its own to it.
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));

        String reply;
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("alice@office.test", TestPostroom.PASSWORD);
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress("bob@office.test")});
            reply = ((SMTPTransport) transport).getLastServerResponse();
        }

        Matcher queued = Pattern.compile("250 2\\.0\\.0 Ok: queued as (\\w+)").matcher(reply.strip());
        assertThat(queued.matches()).as("reply %s", reply).isTrue();
        String stored = onlyMessageOf("bob");
        assertThat(stored).contains("\r\nMessage-ID: <" + queued.group(1) + "@mx.office.test>\r\n");
        assertThat(stored).containsPattern("\r\nDate: \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\r\n");
        assertThat(count(stored, "\nMessage-ID:")).isEqualTo(1);
        assertThat(count(stored, "\nDate:")).isEqualTo(1);
        assertThat(stored).endsWith("\r\nSubject: bare\r\n\r\nno id, no date\r\n");
    }

    @Test
    void submissionKeepsTheClientsOwnMessageIdAndDate() throws Exception {
        Session session = Session.getInstance(submissionProperties("PLAIN"));
        String raw = "Message-Id: <own@laptop.client.example>\r\nDate: Mon, 2 Jun 2025 10:00:00 +0200\r\n"
                + "From: alice@office.test\r\nTo: bob@office.test\r\nSubject: has both\r\n\r\nbody\r\n";
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));

        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("alice@office.test", TestPostroom.PASSWORD);
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress("bob@office.test")});
        }

        String stored = onlyMessageOf("bob");
        assertThat(count(stored.toLowerCase(java.util.Locale.ROOT), "\nmessage-id:")).isEqualTo(1);
        assertThat(count(stored, "\nDate:")).isEqualTo(1);
        assertThat(stored).endsWith(raw);
    }

    @Test
    void theMtaPortAddsNoMessageIdOrDate() throws Exception {
        Session session = Session.getInstance(properties("smtp", postroom.smtpPort()));
        String raw = "From: someone@example.com\r\nTo: alice@office.test\r\nSubject: relayed as is\r\n\r\nbody\r\n";
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));

        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress("alice@office.test")});
        }

        String stored = onlyMessageOf("alice");
        assertThat(stored).doesNotContain("Message-ID:").doesNotContain("\nDate:");
        assertThat(stored).endsWith(raw);
    }

    @Test
    void oneFilePerUserHardLinkedForRecipientsAndAGroupThatOverlap() throws Exception {
        MailAddress team = new MailAddress("team", TestPostroom.DOMAIN);
        postroom.directory().addGroup(team, false);
        postroom.directory().addMember(team, new MailAddress("bob", TestPostroom.DOMAIN));
        Session session = Session.getInstance(properties("smtp", postroom.smtpPort()));
        MimeMessage message = message(session, "someone@example.com", "For three and a team",
                "alice@office.test", "bob@office.test", "carol@office.test", "team@office.test");

        Transport.send(message);

        List<Path> files = List.of(onlyFileOf("alice"), onlyFileOf("bob"), onlyFileOf("carol"));
        Object inode = Files.getAttribute(files.getFirst(), "unix:ino");
        for (Path file : files) {
            assertThat(Files.getAttribute(file, "unix:ino")).as("inode of %s", file).isEqualTo(inode);
            assertThat(file.getFileName()).isEqualTo(files.getFirst().getFileName());
        }
        assertThat(Files.getAttribute(files.getFirst(), "unix:nlink")).isEqualTo(3);
        // Several recipients: the Received header names none of them.
        assertThat(postroom.readDelivered(files.getFirst())).doesNotContain("\tfor <");
    }

    @Test
    void bdatChunksFromTheClientMakeOneMessage() throws Exception {
        Properties props = properties("smtp", postroom.smtpPort());
        props.put("mail.smtp.chunksize", "1000"); // Angus uses BDAT when the server offers CHUNKING
        Session session = Session.getInstance(props);
        ByteArrayOutputStream debug = debugInto(session);
        String body = ("A line of text that is repeated to fill several chunks.\r\n").repeat(80);
        MimeMessage message = message(session, "someone@example.com", "Chunked", "alice@office.test");
        message.setText(body, "us-ascii");

        Transport.send(message);

        assertThat(debug.toString(StandardCharsets.UTF_8)).contains("BDAT 1000").containsPattern("BDAT \\d+ LAST");
        assertThat(onlyMessageOf("alice")).endsWith("\r\n\r\n" + body);
    }

    // ---- helpers

    private Properties properties(String protocol, int port) {
        Properties props = new Properties();
        props.put("mail." + protocol + ".host", "127.0.0.1");
        props.put("mail." + protocol + ".port", String.valueOf(port));
        props.put("mail." + protocol + ".localhost", CLIENT_NAME);
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "10000");
        return props;
    }

    private Properties submissionProperties(String mechanism) {
        Properties props = properties("smtp", postroom.port(SmtpDoor.SUBMISSION));
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.auth.mechanisms", mechanism);
        props.put("mail.smtp.ssl.trust", "*");
        props.put("mail.smtp.ssl.checkserveridentity", "false");
        return props;
    }

    /** The client's protocol trace, AUTH exchange included (the test password is no secret). */
    private static ByteArrayOutputStream debugInto(Session session) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        session.getProperties().put("mail.debug.auth", "true");
        session.setDebugOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        session.setDebug(true);
        return bytes;
    }

    private static MimeMessage message(Session session, String from, String subject, String... to) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        for (String rcpt : to) message.addRecipient(Message.RecipientType.TO, new InternetAddress(rcpt));
        message.setSubject(subject);
        message.setText("Hello from Angus Mail\r\n", "us-ascii");
        return message;
    }

    private Path onlyFileOf(String user) {
        List<Path> files = postroom.delivered(user);
        assertThat(files).as("messages delivered to %s", user).hasSize(1);
        return files.getFirst();
    }

    private String onlyMessageOf(String user) {
        return postroom.readDelivered(onlyFileOf(user));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
