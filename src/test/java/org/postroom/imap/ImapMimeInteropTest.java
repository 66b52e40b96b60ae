package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.SubjectTerm;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.MessageBytes;
import org.postroom.testing.RawImap;
import org.postroom.testing.TestPostroom;

/**
 * The MIME corpus ({@code src/test/resources/mime/}) read through a running Postroom by independent clients: Angus
 * Mail's IMAP provider builds its message tree from our BODYSTRUCTURE and ENVELOPE and fetches parts by section
 * number, and searches with CHARSET UTF-8 literals; a raw socket checks that BODYSTRUCTURE goes on the wire exactly as
 * Dovecot 2.3 answers for the same file ({@code NAME.dovecot}).
 */
class ImapMimeInteropTest {
    private static final List<String> CORPUS = List.of("alternative-attachments.eml", "nested-rfc822.eml", "headers-2047.eml", "digest.eml");

    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    TestPostroom postroom;
    Store store;

    @BeforeEach
    void start() throws Exception {
        postroom = server.start(dir);
        for (String name : CORPUS) {
            byte[] content = MessageBytes.corpus(name).content();
            postroom.deliver("alice", out -> out.write(content));
        }
        store = server.angusLogin();
    }

    @AfterEach
    void stop() throws Exception {
        if (store != null) store.close();
    }

    @Test
    void angusMailReadsAttachmentsAlternativesAndForwardedMessagesPartByPart() throws Exception {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        Message report = inbox.getMessage(1);
        assertThat(report.getSubject()).isEqualTo("Quarterly report");
        MimeMultipart mixed = (MimeMultipart) report.getContent();
        assertThat(mixed.getCount()).isEqualTo(3);
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertThat((String) alternative.getBodyPart(0).getContent()).startsWith("Grüße aus München, the report is attached. The numbers for the fourth");
        assertThat((String) alternative.getBodyPart(1).getContent()).contains("<b>Ärger</b> mit Öl");
        Part pdf = mixed.getBodyPart(1);
        assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(pdf.getFileName()).isEqualTo("Bericht über Q4.pdf"); // RFC 2231, from BODYSTRUCTURE's disposition
        assertThat(pdf.getDescription()).isEqualTo("The report");
        try (InputStream in = pdf.getInputStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4 fake pdf content");
        }
        Part logo = mixed.getBodyPart(2);
        assertThat(logo.getDisposition()).isEqualTo(Part.INLINE);
        assertThat(((jakarta.mail.internet.MimeBodyPart) logo).getContentID()).isEqualTo("<logo@example.org>");
        try (InputStream in = logo.getInputStream()) {
            assertThat(in.readAllBytes()).hasSize(256);
        }

        Message forward = inbox.getMessage(2);
        assertThat(((InternetAddress) forward.getReplyTo()[0]).getAddress()).isEqualTo("replies@example.com");
        MimeMultipart outer = (MimeMultipart) forward.getContent();
        MimeMessage lunch = (MimeMessage) outer.getBodyPart(1).getContent(); // the nested message, from its envelope
        assertThat(lunch.getSubject()).isEqualTo("Lunch");
        assertThat(((InternetAddress) lunch.getFrom()[0]).getPersonal()).isEqualTo("Eve");
        MimeMultipart lunchParts = (MimeMultipart) lunch.getContent();
        assertThat((String) lunchParts.getBodyPart(0).getContent()).isEqualTo("Lunch at noon?\r\nBring the pizza voucher.");

        Message encoded = inbox.getMessage(3);
        assertThat(encoded.getSubject()).isEqualTo("Straßenfest am Samstag à bientôt");
        assertThat(((InternetAddress) encoded.getFrom()[0]).getPersonal()).isEqualTo("Jürgen Müller");
        assertThat((String) encoded.getContent()).startsWith("Liebe Nachbarn, das Straßenfest beginnt um 14 Uhr. Café und Kuchen gibt");
        inbox.close(false);
    }

    @Test
    void angusMailSearchesDecodedHeadersAndBodiesOnTheServer() throws Exception {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertThat(inbox.search(new SubjectTerm("straßenfest"))).extracting(Message::getMessageNumber).containsExactly(3);
        assertThat(inbox.search(new FromStringTerm("Jürgen"))).extracting(Message::getMessageNumber).containsExactly(3);
        assertThat(inbox.search(new BodyTerm("pizza voucher"))).extracting(Message::getMessageNumber).containsExactly(2);
        assertThat(inbox.search(new BodyTerm("ärger mit"))).extracting(Message::getMessageNumber).isEmpty(); // "<b>Ärger</b> mit": markup between
        assertThat(inbox.search(new BodyTerm("MÜNCHEN"))).extracting(Message::getMessageNumber).containsExactly(1);
        inbox.close(false);
    }

    @Test
    void bodystructureOnTheWireIsDovecotsForTheSameFile() throws Exception {
        try (RawImap imap = server.login()) {
            imap.command("s SELECT INBOX").expectOk();
            for (int n = 1; n <= CORPUS.size(); n++) {
                String name = CORPUS.get(n - 1).replace(".eml", "");
                RawImap.Result result = imap.command("f" + n + " FETCH " + n + " (ENVELOPE BODYSTRUCTURE BODY)").expectOk();
                String dovecot;
                try (InputStream in = getClass().getResourceAsStream("/mime/" + name + ".dovecot")) {
                    dovecot = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).replace("* 1 FETCH", "* " + n + " FETCH");
                }
                String expected = dovecot;
                if (name.equals("nested-rfc822")) { // RFC 2046's CRLF rule: see BodyStructureTest
                    expected = dovecot.replace("\"7bit\" 387 ", "\"7bit\" 385 ").replace(") 18 NIL", ") 17 NIL").replace(") 18)", ") 17)");
                }
                assertThat(result.matching("^\\* " + n + " FETCH .*")).containsExactly(expected.substring(0, expected.length() - 2));
            }
        }
    }
}
