package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.RawImap;
import org.postroom.testing.TestPostroom;

/** APPEND (RFC 3501 6.3.11) with APPENDUID (RFC 4315), APPENDLIMIT (RFC 7889), TRYCREATE and the quota. */
class ImapAppendTest {
    static final String MESSAGE = "From: alice@office.test\r\nSubject: draft\r\n\r\nHello\r\n";

    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    TestPostroom postroom;

    RawImap loggedIn(String extraToml) throws Exception {
        postroom = server.start(dir, extraToml);
        return server.login();
    }

    @Test
    void appendWithFlagsAndDateAnswersAppendUid() throws Exception {
        try (RawImap imap = loggedIn("")) {
            imap.command("a1 CREATE Drafts").expectOk();
            imap.send("a2 APPEND Drafts (\\Seen \\Draft $Label1) \"07-Dec-2026 10:00:00 +0100\" {" + MESSAGE.length() + "}\r\n");
            assertThat(imap.line()).isEqualTo("+ Ready for literal data");
            imap.send(MESSAGE + "\r\n");
            assertThat(imap.line()).matches("a2 OK \\[APPENDUID \\d+ 1] APPEND completed");
            assertThat(imap.command("a3 STATUS Drafts (MESSAGES UNSEEN UIDNEXT)").untagged())
                    .containsExactly("* STATUS Drafts (MESSAGES 1 UNSEEN 0 UIDNEXT 2)");
            // Flags in the Maildir name as Dovecot writes them (D draft, S seen)
            try (var files = Files.list(postroom.maildir("alice").root().resolve(".Drafts").resolve("cur"))) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString().contains(":2,").contains("DS");
            }
        }
    }

    @Test
    void appendWithLiteralPlusNeedsNoRoundTrip() throws Exception {
        try (RawImap imap = loggedIn("")) {
            imap.send("a1 APPEND INBOX {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
            assertThat(imap.line()).matches("a1 OK \\[APPENDUID \\d+ 1] APPEND completed");
            imap.send("a2 APPEND INBOX {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
            assertThat(imap.line()).matches("a2 OK \\[APPENDUID \\d+ 2] APPEND completed");
        }
    }

    @Test
    void appendToAMissingFolderAsksForCreateBeforeTheMessageIsSent() throws Exception {
        try (RawImap imap = loggedIn("")) {
            imap.send("a1 APPEND Nowhere {" + MESSAGE.length() + "}\r\n");
            assertThat(imap.line()).isEqualTo("a1 NO [TRYCREATE] No such folder"); // no "+": the client sends nothing
            imap.send("a2 APPEND Nowhere {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
            assertThat(imap.line()).isEqualTo("a2 NO [TRYCREATE] No such folder");
            assertThat(imap.command("a3 NOOP").tagged()).isEqualTo("a3 OK NOOP completed");
        }
    }

    @Test
    void appendOverTheLimitIsTooBigAndTheLimitIsAdvertised() throws Exception {
        try (RawImap imap = loggedIn("[imap]\nport = 0\ntls_port = 0\nappend_limit = 2048\n")) {
            assertThat(imap.command("a0 CAPABILITY").untagged().getFirst()).contains(" APPENDLIMIT=2048");
            imap.send("a1 APPEND INBOX {4096}\r\n");
            assertThat(imap.line()).isEqualTo("a1 NO [TOOBIG] Message too big (the limit is 2048 octets)");
            assertThat(imap.command("a2 STATUS INBOX (MESSAGES)").untagged()).containsExactly("* STATUS INBOX (MESSAGES 0)");
        }
    }

    @Test
    void appendOverTheQuotaIsRefused() throws Exception {
        try (RawImap imap = loggedIn("")) {
            postroom.directory().setQuota(new org.postroom.message.MailAddress("alice", TestPostroom.DOMAIN), 1000);
        }
        try (RawImap imap = server.login()) {
            String big = "Subject: big\r\n\r\n" + "x".repeat(1500) + "\r\n";
            imap.send("a1 APPEND INBOX {" + big.length() + "}\r\n");
            assertThat(imap.line()).isEqualTo("a1 NO [OVERQUOTA] The mailbox is full");
            assertThat(imap.command("a2 APPEND INBOX {" + MESSAGE.length() + "+}\r\n" + MESSAGE).tagged()).startsWith("a2 OK [APPENDUID");
        }
    }

    @Test
    void badFlagsAreRefused() throws Exception {
        try (RawImap imap = loggedIn("")) {
            imap.send("a1 APPEND INBOX (\\Recent) {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
            assertThat(imap.line()).isEqualTo("a1 BAD Invalid flag \\Recent");
            assertThat(imap.command("a2 NOOP").tagged()).isEqualTo("a2 OK NOOP completed");
        }
    }
}
