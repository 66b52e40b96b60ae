package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawPop3;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * Issue 10 item 5: {@code user remove gina} then {@code user add gina}, through the CLI while the server runs, and the
 * new gina logs in over POP3. Without {@code --keep-mail} she must not read the old gina's messages.
 */
class UserRemoveMailboxTest {
    @TempDir
    Path data;
    TestPostroom postroom;
    String dataArg;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(data);
        dataArg = "--data=" + data;
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    private static Cli.Result ok(Cli.Result result) {
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.err()).as(result.toString()).isEmpty();
        return result;
    }

    private void addGina(String password) {
        ok(Cli.runWithInput(password + "\n", "user", "add", dataArg, "--password-stdin", "gina@office.test"));
    }

    private void mailGina(String subject) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<someone@example.com>");
            assertThat(smtp.command("RCPT TO:<gina@office.test>")).startsWith("250");
            smtp.command("DATA");
            assertThat(smtp.command("Subject: " + subject + "\r\n\r\nhello\r\n.")).startsWith("250");
        }
    }

    /** The subjects of the messages the user reads over POP3, in order. */
    private String readOverPop3(String password) throws Exception {
        StringBuilder subjects = new StringBuilder();
        try (RawPop3 pop = RawPop3.login(postroom.pop3Port(), "gina@office.test", password)) {
            String stat = pop.expectOk(pop.command("STAT"));
            int count = Integer.parseInt(stat.split(" ")[1]);
            for (int i = 1; i <= count; i++) {
                pop.expectOk(pop.command("TOP " + i + " 0"));
                for (String line : pop.lines()) if (line.startsWith("Subject: ")) subjects.append(line.substring(9)).append(';');
            }
            pop.command("QUIT");
        }
        return subjects.toString();
    }

    @Test
    void aReAddedUserDoesNotReadTheOldOwnersMail() throws Exception {
        addGina("old gina's password");
        mailGina("for the old gina");
        assertThat(readOverPop3("old gina's password")).isEqualTo("for the old gina;");

        JsonNode removed = ok(Cli.run("user", "remove", dataArg, "--format", "json", "gina@office.test")).json();
        assertThat(removed.get("mailbox").asText()).isEqualTo("moved");
        Path movedTo = Path.of(removed.get("path").asText());
        assertThat(movedTo.getParent()).isEqualTo(data.toAbsolutePath().resolve("removed").resolve("office.test"));
        assertThat(movedTo.getFileName().toString()).matches("gina-\\d{8}T\\d{6}Z");
        assertThat(Files.list(movedTo.resolve("cur")).count() + Files.list(movedTo.resolve("new")).count()).isEqualTo(1);

        addGina("new gina's password");
        assertThat(readOverPop3("new gina's password")).isEmpty();
        mailGina("for the new gina"); // the running server filed into this mailbox before: it makes it again
        assertThat(readOverPop3("new gina's password")).isEqualTo("for the new gina;");
    }

    @Test
    void keepMailLeavesTheMailboxForTheNextUserOfTheAddress() throws Exception {
        addGina("old gina's password");
        mailGina("kept for whoever is gina next");

        String out = ok(Cli.run("user", "remove", dataArg, "--keep-mail", "gina@office.test")).out();
        assertThat(out).contains("removed user gina@office.test; the mailbox stays at " + data.toAbsolutePath().resolve("mail/office.test/gina"));
        assertThat(data.resolve("removed")).doesNotExist();

        addGina("new gina's password");
        assertThat(readOverPop3("new gina's password")).isEqualTo("kept for whoever is gina next;");
    }

    @Test
    void aUserWhoNeverHadMailIsRemovedWithoutAMailbox() {
        // Straight into the directory: `user add` now makes the mailbox with its special folders (issue 11), but a
        // user added before that, who never got mail, has none.
        postroom.addUser("gina");
        assertThat(ok(Cli.run("user", "remove", dataArg, "gina@office.test")).out()).contains("removed user gina@office.test (no mailbox)");
    }

    @Test
    void helpSaysWhereTheMailboxGoes() {
        String help = Cli.run("user", "remove", "--help").out();
        assertThat(help).contains("removed/DOMAIN/NAME-TIME", "--keep-mail");
    }
}
