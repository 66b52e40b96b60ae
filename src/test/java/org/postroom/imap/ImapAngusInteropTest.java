package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * Angus Mail's IMAP provider (the Jakarta Mail reference client) against Postroom's selected state: open a folder,
 * fetch envelopes and bodies, set flags, UIDPLUS (appendUIDMessages, UIDs), MOVE, expunge, and IDLE that hears a
 * delivery over SMTP.
 */
class ImapAngusInteropTest {
    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    TestPostroom postroom;
    Store store;

    @BeforeEach
    void start() throws Exception {
        postroom = server.start(dir);
        ImapTestServer.specialFolders(postroom, "alice");
        postroom.deliver("alice", "From: Bob <bob@office.test>\r\nTo: alice@office.test\r\nSubject: lunch\r\n\r\nAt one?\r\n");
        postroom.deliver("alice", "From: Carol <carol@office.test>\r\nTo: alice@office.test\r\nSubject: minutes\r\n\r\nAttached.\r\n");
        store = server.angusLogin();
    }

    @AfterEach
    void stop() throws Exception {
        if (store != null) store.close();
    }

    @Test
    void readsFlagsAppendsWithUidMovesAndExpunges() throws Exception {
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        assertThat(inbox.getMessageCount()).isEqualTo(2);
        Message[] messages = inbox.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(UIDFolder.FetchProfileItem.UID);
        inbox.fetch(messages, profile);
        assertThat(messages[0].getSubject()).isEqualTo("lunch");
        assertThat(((InternetAddress) messages[1].getFrom()[0]).getAddress()).isEqualTo("carol@office.test");
        assertThat(inbox.getUID(messages[1])).isEqualTo(2);
        assertThat(messages[0].isSet(Flags.Flag.SEEN)).isFalse();
        assertThat(((String) messages[0].getContent()).trim()).isEqualTo("At one?");
        assertThat(messages[0].isSet(Flags.Flag.SEEN)).isTrue(); // the body fetch set \Seen
        messages[1].setFlag(Flags.Flag.FLAGGED, true);
        assertThat(inbox.search(new jakarta.mail.search.FlagTerm(new Flags(Flags.Flag.FLAGGED), true))).hasSize(1);

        MimeMessage draft = new MimeMessage((Session) null);
        draft.setSubject("draft");
        draft.setText("not sent yet");
        draft.saveChanges();
        AppendUID[] appended = inbox.appendUIDMessages(new Message[] {draft});
        assertThat(appended[0].uid).isEqualTo(3);
        assertThat(appended[0].uidvalidity).isEqualTo(inbox.getUIDValidity());

        IMAPFolder trash = (IMAPFolder) store.getFolder("Trash");
        inbox.moveMessages(new Message[] {messages[0]}, trash);
        // Angus keeps an expunged message in its count until the application expunges; it is marked as such.
        assertThat(messages[0].isExpunged()).isTrue();
        assertThat(trash.getMessageCount()).isEqualTo(1);

        Message minutes = inbox.getMessageByUID(2);
        minutes.setFlag(Flags.Flag.DELETED, true);
        Message[] gone = inbox.expunge();
        assertThat(gone).contains(minutes);
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        assertThat(inbox.getMessageByUID(3).getSubject()).isEqualTo("draft");
        inbox.close(false);
    }

    @Test
    void idleHearsMailDeliveredOverSmtp() throws Exception {
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        BlockingQueue<Message> arrived = new ArrayBlockingQueue<>(10);
        inbox.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
                arrived.addAll(java.util.List.of(e.getMessages()));
            }
        });
        Thread idler = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 5 && arrived.isEmpty(); i++) inbox.idle(true);
            } catch (Exception e) {
                // the store's close ends the idle
            }
        });
        Thread.sleep(300); // let IDLE start: a delivery before it is found by the next command anyway
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO laptop.office.test");
            assertThat(smtp.command("MAIL FROM:<bob@office.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: new\r\n\r\nhello\r\n.")).startsWith("250");
        }
        Message message = arrived.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("messagesAdded during IDLE").isNotNull();
        idler.join(10_000);
        assertThat(message.getSubject()).isEqualTo("new");
        inbox.close(false);
    }
}
