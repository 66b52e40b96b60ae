package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.CollectAccount;
import org.postroom.config.ConfigLoader;

/**
 * Issue 10 item 15: one message that cannot be filed normally (a mail loop, no header section) must not stop the
 * collector. It goes to the unresolved destination with its reason, the cycle goes on, and the dry run says so
 * beforehand; a cycle that must stop still ends with QUIT, so the DELEs of what was stored take effect. The
 * scripted provider applies DELE only at QUIT, as RFC 1939 says.
 */
class CollectUnfiledTest {
    @TempDir
    Path dir;
    Office office;
    ScriptedPop3 provider;

    @BeforeEach
    void setUp() throws Exception {
        office = new Office(dir);
        provider = new ScriptedPop3();
    }

    @AfterEach
    void tearDown() throws Exception {
        provider.close();
        office.close();
    }

    private CollectAccount account(String extra) {
        String toml = "[[collect.account]]\nname = \"p\"\nhost = \"127.0.0.1\"\nport = " + provider.port()
                + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"x\"\nmode = \"multi-drop\"\n" + extra;
        return ConfigLoader.parse(dir, dir.resolve("postroom.toml"), toml).collect().getFirst();
    }

    private static String message(String to, String id) {
        return "Delivered-To: " + to + "\r\nFrom: x@outside.test\r\nMessage-ID: <" + id + ">\r\n\r\nbody of " + id + "\r\n";
    }

    private static String looping(String to, String id) {
        return "Received: from a.example by b.example; Mon, 1 Jan 2026 00:00:00 +0000\r\n".repeat(60) + message(to, id);
    }

    private static MimeMessage parse(String stored) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(stored.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLoopingMessageGoesToThePostmasterAndTheCycleGoesOn() throws Exception {
        provider.messages.add(message("alice@office.test", "before@x"));
        provider.messages.add(looping("bob@office.test", "loop@x"));
        provider.messages.add(message("carol@office.test", "after@x"));

        CycleReport report = office.collect(account(""));

        assertThat(report.error()).isEmpty();
        assertThat(report.unresolved()).isEqualTo(1);
        assertThat(office.mailbox("alice")).hasSize(1);
        assertThat(office.mailbox("carol")).hasSize(1);
        assertThat(office.mailbox("bob")).isEmpty();
        String note = office.mailbox("postmaster").getFirst();
        assertThat(note).contains("X-Postroom-Unresolved: mail loop: 60 Received headers", "Content-Type: message/rfc822", "Message-ID: <loop@x>",
                "body of loop@x");
        assertThat(provider.messages).isEmpty(); // every one stored, every DELE applied at QUIT
        // An independent MIME reader (Angus Mail) finds the original as an attached message/rfc822.
        MimeMultipart parts = (MimeMultipart) parse(note).getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(1).isMimeType("message/rfc822")).isTrue();
        assertThat(((MimeMessage) parts.getBodyPart(1).getContent()).getMessageID()).isEqualTo("<loop@x>");

        office.collect(account("")); // and nothing comes back
        assertThat(office.mailbox("postmaster")).hasSize(1);
    }

    @Test
    void aLoopingMessageIsHeldWhenTheAccountHoldsUnresolvedMail() throws Exception {
        provider.messages.add(looping("bob@office.test", "held-loop@x"));
        provider.messages.add(message("carol@office.test", "after@x"));

        CycleReport report = office.collect(account("unresolved = \"hold\"\n"));

        assertThat(report.error()).isEmpty();
        assertThat(office.mailbox("carol")).hasSize(1);
        assertThat(office.held("p")).hasSize(1);
        assertThat(Files.readString(office.held("p").getFirst())).startsWith("X-Postroom-Unresolved: mail loop");
        assertThat(provider.messages).isEmpty();
    }

    @Test
    void aMessageWithoutHeaderSectionGoesToThePostmasterAttached() throws Exception {
        provider.messages.add("this is not a message at all\r\njust text\r\n");
        provider.messages.add(message("carol@office.test", "after@x"));

        CycleReport report = office.collect(account(""));

        assertThat(report.error()).isEmpty();
        assertThat(office.mailbox("carol")).hasSize(1);
        String note = office.mailbox("postmaster").getFirst();
        assertThat(note).contains("X-Postroom-Unresolved: unparseable: the message does not start with a header field", "Content-Transfer-Encoding: base64");
        MimeMultipart parts = (MimeMultipart) parse(note).getContent();
        try (InputStream attached = parts.getBodyPart(1).getInputStream()) {
            assertThat(new String(attached.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("this is not a message at all\r\njust text\r\n");
        }
        assertThat(provider.messages).isEmpty();
    }

    @Test
    void theDryRunPredictsWhatTheCycleDoes() throws Exception {
        provider.messages.add(message("alice@office.test", "d1@x"));
        provider.messages.add(looping("bob@office.test", "d2@x"));
        provider.messages.add(message("nobody@office.test", "d3@x"));
        office.directory.setEnabled(Office.a("carol@office.test"), false);
        provider.messages.add(message("carol@office.test", "d4@x"));
        CollectAccount account = account("");

        List<Sorting> predicted = office.collector(account).run(AccountCollector.Run.DRY_RUN).sortings();

        assertThat(predicted).extracting(Sorting::deliverTo).containsExactly(List.of(Office.a("alice@office.test")), List.of(), List.of(), List.of());
        assertThat(predicted).extracting(Sorting::unresolvedTo).containsExactly("", "postmaster@office.test", "postmaster@office.test",
                "postmaster@office.test");
        assertThat(predicted.get(1).why()).startsWith("mail loop: 60 Received headers");
        assertThat(predicted.get(3).why()).startsWith("mailbox disabled: [carol@office.test]");
        assertThat(provider.messages).hasSize(4);

        CycleReport report = office.collect(account);

        assertThat(report.error()).isEmpty();
        assertThat(report.delivered()).isEqualTo(1);
        assertThat(report.unresolved()).isEqualTo(3);
        assertThat(office.mailbox("alice")).hasSize(1);
        List<String> postmaster = office.mailbox("postmaster");
        assertThat(postmaster).hasSize(3);
        for (int i = 1; i < 4; i++) {
            String why = predicted.get(i).why();
            assertThat(postmaster).anySatisfy(m -> assertThat(m).contains("X-Postroom-Unresolved: " + why));
        }
    }

    @Test
    void aCycleThatMustStopStillQuitsSoTheStoredMessagesAreDeleted() throws Exception {
        // bob's mailbox cannot be made (a file where its folder goes): storing his message fails and the cycle stops.
        Path bob = dir.resolve("mail").resolve("office.test").resolve("bob");
        Files.createDirectories(bob.getParent());
        Files.writeString(bob, "in the way");
        provider.messages.add(message("alice@office.test", "stored@x"));
        for (int i = 0; i < 12; i++) provider.messages.add(message("carol@office.test", "filler" + i + "@x"));
        provider.messages.add(message("bob@office.test", "fails@x"));

        CycleReport report = office.collect(account(""));

        assertThat(report.error()).get().asString().contains("cannot store");
        assertThat(office.mailbox("alice")).hasSize(1);
        // QUIT was sent: alice's message, stored and recorded, is gone from the provider; bob's is still there.
        assertThat(provider.messages).noneMatch(m -> m.contains("stored@x")).anyMatch(m -> m.contains("fails@x"));
    }
}
