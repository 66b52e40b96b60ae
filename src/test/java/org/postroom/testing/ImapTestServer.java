package org.postroom.testing;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postroom.message.MailAddress;
import org.postroom.store.MaildirStore;

/**
 * The set-up the IMAP tests share, as a JUnit extension: a {@link TestPostroom} with the user alice, alice's raw
 * logins (plain LOGIN, then SELECT INBOX for the selected state), and the server closed after each test whatever
 * happened. Register it with {@code @RegisterExtension final ImapTestServer server = new ImapTestServer();}; the
 * test keeps its own {@code @TempDir} and what it puts in the mailbox, so it still reads top to bottom.
 */
public final class ImapTestServer implements AfterEachCallback {
    public static final String USER = "alice";

    private TestPostroom postroom;

    /** Message {@code n} of the selected-state tests: from bob, subject "message n", body "body n". */
    public static String message(int n) {
        return "From: bob@office.test\r\nTo: alice@office.test\r\nSubject: message " + n + "\r\n\r\nbody " + n + "\r\n";
    }


    /** Starts a server in {@code dir} with the test defaults plus {@code extraToml}, and adds alice. */
    public TestPostroom start(Path dir, String extraToml) {
        postroom = TestPostroom.start(dir, extraToml);
        postroom.addUser(USER);
        return postroom;
    }

    public TestPostroom start(Path dir) {
        return start(dir, "");
    }

    /** Sent, Drafts, Trash and Junk, as a new user has them (idempotent). */
    public static void specialFolders(TestPostroom postroom, String localPart) {
        try {
            new MaildirStore(postroom.dataDir().resolve("mail"), "mx.office.test").folders(new MailAddress(localPart, TestPostroom.DOMAIN))
                    .ensureSpecialFolders();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A raw session, greeting read and alice logged in with LOGIN (loopback: no TLS needed). */
    public RawImap login() throws IOException {
        return RawImap.login(postroom.imapPort(), USER, TestPostroom.PASSWORD);
    }

    /** {@link #login()}, then INBOX selected (tag {@code s}). */
    public RawImap selectInbox() throws IOException {
        RawImap imap = login();
        imap.command("s SELECT INBOX").expectOk();
        return imap;
    }

    /** Angus Mail's IMAP provider logged in as alice on the plain port (loopback: no TLS needed); the test closes it. */
    public Store angusLogin() throws MessagingException {
        Properties props = new Properties();
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", String.valueOf(postroom.imapPort()));
        props.put("mail.imap.timeout", "10000");
        props.put("mail.imap.connectiontimeout", "10000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(USER, TestPostroom.PASSWORD);
        return store;
    }

    /** Runs after the test's own {@code @AfterEach} methods (JUnit's order), so its clients are closed first. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (postroom != null) postroom.close();
        postroom = null;
    }
}
