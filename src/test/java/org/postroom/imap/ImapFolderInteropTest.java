package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.imap.server.ImapDoor;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.PythonClient;
import org.postroom.testing.TestPostroom;

/**
 * Two independent IMAP clients log in and manage folders against Postroom, with plaintext logins from loopback off
 * (so they must use STARTTLS or implicit TLS): Python's imaplib (create, subscribe, APPEND, LIST, LSUB, STATUS,
 * RENAME, DELETE) and Angus Mail's IMAP provider (capabilities, folders, appendUIDMessages with APPENDUID, the
 * message count by STATUS). The selected state's interop is imap-selected's ImapPythonInteropTest/ImapAngusInteropTest.
 */
class ImapFolderInteropTest {
    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = server.start(dir, "[auth]\nplaintext_from_loopback = false\nfailure_delay = \"0s\"\n");
    }

    @Test
    void pythonImaplibOverStartTls() throws Exception {
        checkImaplib("starttls", postroom.imapPort());
    }

    @Test
    void pythonImaplibOverImplicitTls() throws Exception {
        checkImaplib("tls", postroom.port(ImapDoor.IMAPS));
    }

    private void checkImaplib(String mode, int port) throws Exception {
        Assumptions.assumeTrue(PythonClient.canImport("imaplib, ssl"), "python3 is missing: Python's imaplib interop is not tested (apt-get install python3)");
        Path script = PythonClient.copyScript(getClass(), "imaplib_folders.py", dir);
        JsonNode result = PythonClient.runForJson(script, 60, String.valueOf(port), "alice@office.test", TestPostroom.PASSWORD, mode);
        assertThat(result.get("login").asText()).isEqualTo("OK");
        assertThat(result.get("namespace").asText()).isEqualTo("((\"\" \"/\")) NIL NIL");
        assertThat(result.get("append").get(1).asText()).matches("\\[APPENDUID \\d+ 1] APPEND completed");
        assertThat(result.get("list").toString()).contains("(\\\\HasChildren) \\\"/\\\" Reports", "(\\\\HasNoChildren) \\\"/\\\" Reports/2026");
        assertThat(result.get("lsub").toString()).contains("Reports/2026");
        assertThat(result.get("status").asText()).isEqualTo("Reports/2026 (MESSAGES 1 UNSEEN 0 UIDNEXT 2)");
        assertThat(result.get("renamed").toString()).contains("\\\"Old reports/2026\\\"");
    }

    @Test
    void angusMailOverStartTls() throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", String.valueOf(postroom.imapPort()));
        props.put("mail.imap.starttls.enable", "true");
        props.put("mail.imap.starttls.required", "true");
        props.put("mail.imap.ssl.trust", "*");
        props.put("mail.imap.timeout", "10000");
        Session session = Session.getInstance(props);
        IMAPStore store = (IMAPStore) session.getStore("imap");
        store.connect("alice@office.test", TestPostroom.PASSWORD);
        try {
            assertThat(store.hasCapability("IDLE")).isTrue();
            assertThat(store.hasCapability("UIDPLUS")).isTrue();
            assertThat(store.hasCapability("SPECIAL-USE")).isTrue();
            assertThat(store.getPersonalNamespaces()[0].getSeparator()).isEqualTo('/');

            IMAPFolder sent = (IMAPFolder) store.getFolder("Sent Items");
            assertThat(sent.exists()).isFalse();
            assertThat(sent.create(Folder.HOLDS_MESSAGES)).isTrue();
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("alice@office.test"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
            message.setSubject("sent from Angus");
            message.setText("hello\r\n");
            message.saveChanges();
            AppendUID[] uids = sent.appendUIDMessages(new Message[] {message});
            assertThat(uids[0].uid).isEqualTo(1);
            assertThat(sent.getMessageCount()).isEqualTo(1); // STATUS, the folder not opened
            assertThat(Arrays.stream(store.getDefaultFolder().list("*")).map(Folder::getFullName)).contains("INBOX", "Sent Items");
            assertThat(sent.renameTo(store.getFolder("Sent mail"))).isTrue();
            assertThat(store.getFolder("Sent mail").exists()).isTrue();
        } finally {
            store.close();
        }
    }

}
