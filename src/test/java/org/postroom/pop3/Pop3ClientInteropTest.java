package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.testing.TestPostroom;
import org.junit.jupiter.api.io.TempDir;

/**
 * Angus Mail's POP3 provider (Jakarta Mail), a client Postroom did not write: STLS (required, since plaintext
 * logins from loopback are switched off here), implicit TLS, leave-on-server with UIDL, deletion, TOP for headers.
 */
class Pop3ClientInteropTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(dir, "[auth]\nplaintext_from_loopback = false\nfailure_delay = \"0s\"\n");
        postroom.addUser("alice");
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    private static String message(String subject, String body) {
        return "From: bob@example.com\r\nTo: alice@office.test\r\nSubject: " + subject + "\r\nMessage-ID: <" + subject.replace(' ', '-')
                + "@example.com>\r\n\r\n" + body + "\r\n";
    }

    private Properties stlsProperties() {
        Properties props = new Properties();
        props.put("mail.pop3.host", "127.0.0.1");
        props.put("mail.pop3.port", String.valueOf(postroom.pop3Port()));
        props.put("mail.pop3.starttls.enable", "true");
        props.put("mail.pop3.starttls.required", "true");
        props.put("mail.pop3.ssl.trust", "*");
        props.put("mail.pop3.ssl.checkserveridentity", "false");
        props.put("mail.pop3.connectiontimeout", "10000");
        props.put("mail.pop3.timeout", "10000");
        return props;
    }

    private Properties implicitTlsProperties() {
        Properties props = new Properties();
        props.put("mail.pop3s.host", "127.0.0.1");
        props.put("mail.pop3s.port", String.valueOf(postroom.port(Pop3Door.POP3S)));
        props.put("mail.pop3s.ssl.trust", "*");
        props.put("mail.pop3s.ssl.checkserveridentity", "false");
        props.put("mail.pop3s.connectiontimeout", "10000");
        props.put("mail.pop3s.timeout", "10000");
        return props;
    }

    private static ByteArrayOutputStream debugInto(Session session) {
        ByteArrayOutputStream debug = new ByteArrayOutputStream();
        session.setDebugOut(new PrintStream(debug, true, StandardCharsets.UTF_8));
        session.setDebug(true);
        return debug;
    }

    /** Subjects and UIDs of the messages waiting, leaving them on the server. */
    private record Listing(List<String> subjects, List<String> uids) {}

    private static Listing list(Store store) throws Exception {
        POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        try {
            Message[] messages = inbox.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.ENVELOPE);
            inbox.fetch(messages, profile);
            List<String> subjects = new ArrayList<>();
            List<String> uids = new ArrayList<>();
            for (Message m : messages) {
                subjects.add(m.getSubject());
                uids.add(inbox.getUID(m));
            }
            return new Listing(subjects, uids);
        } finally {
            inbox.close(false);
        }
    }

    @Test
    void leaveOnServerWithUidlThenDeleteOverStls() throws Exception {
        postroom.deliver("alice", message("first", "one"));
        postroom.deliver("alice", message("second", "two"));
        Session session = Session.getInstance(stlsProperties());
        ByteArrayOutputStream debug = debugInto(session);

        Listing before;
        try (Store store = session.getStore("pop3")) {
            store.connect("alice@office.test", TestPostroom.PASSWORD);
            before = list(store);
        }
        assertThat(before.subjects()).containsExactly("first", "second");
        assertThat(before.uids()).doesNotHaveDuplicates().allMatch(Uidl::isLegal);
        String transcript = debug.toString(StandardCharsets.UTF_8);
        assertThat(transcript).contains("\nSTLS\n+OK Begin TLS negotiation");
        assertThat(transcript.indexOf("STLS")).isLessThan(transcript.indexOf("authentication command succeeded"));

        // A new message arrives; a leave-on-server client sees the old UIDs unchanged and one new one.
        postroom.deliver("alice", message("third", "three"));
        Listing after;
        try (Store store = session.getStore("pop3")) {
            store.connect("alice@office.test", TestPostroom.PASSWORD);
            after = list(store);
        }
        assertThat(after.uids().subList(0, 2)).isEqualTo(before.uids());
        assertThat(after.subjects()).containsExactly("first", "second", "third");

        // Now download and delete everything.
        try (Store store = session.getStore("pop3")) {
            store.connect("alice@office.test", TestPostroom.PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message m : inbox.getMessages()) {
                assertThat(((String) m.getContent()).strip()).isIn("one", "two", "three");
                m.setFlag(Flags.Flag.DELETED, true);
            }
            inbox.close(true); // DELE each, then QUIT
        }
        assertThat(postroom.mailFiles("alice")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"LOGIN, USER alice", "PLAIN, AUTH PLAIN"})
    void bothLoginCommands(String angusMechanism, String command) throws Exception {
        postroom.deliver("alice", message("only", "body"));
        Properties props = stlsProperties();
        props.put("mail.pop3.auth.mechanisms", angusMechanism); // Angus calls USER/PASS "LOGIN"
        props.put("mail.debug.auth", "true");
        Session session = Session.getInstance(props);
        ByteArrayOutputStream debug = debugInto(session);
        try (Store store = session.getStore("pop3")) {
            store.connect("alice", TestPostroom.PASSWORD);
            assertThat(list(store).subjects()).containsExactly("only");
        }
        assertThat(debug.toString(StandardCharsets.UTF_8)).contains("\n" + command);
    }

    @Test
    void implicitTls() throws Exception {
        postroom.deliver("alice", message("secure", "over TLS from the first byte"));
        Session session = Session.getInstance(implicitTlsProperties());
        try (Store store = session.getStore("pop3s")) {
            store.connect("alice@office.test", TestPostroom.PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message m = inbox.getMessage(1);
            assertThat(m.getSubject()).isEqualTo("secure");
            // LIST's octet count is the whole message as stored (Angus's getSize() would be the body alone).
            assertThat(((POP3Folder) inbox).getSizes()).containsExactly(message("secure", "over TLS from the first byte").length());
            assertThat(((String) m.getContent()).strip()).isEqualTo("over TLS from the first byte");
            inbox.close(false);
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailure() throws Exception {
        Session session = Session.getInstance(implicitTlsProperties());
        try (Store store = session.getStore("pop3s")) {
            assertThatThrownBy(() -> store.connect("alice@office.test", "wrong"))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("[AUTH] Authentication failed");
        }
    }
}
