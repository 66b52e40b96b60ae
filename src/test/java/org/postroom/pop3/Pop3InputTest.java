package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawPop3;
import org.postroom.testing.TestPostroom;

/** Pipelined commands, STLS with injected plaintext, and bad input: long lines, NUL, broken UTF-8, error limits. */
class Pop3InputTest {
    static final String MESSAGE = "Subject: hi\r\n\r\n.starts with a dot\r\nbody\r\n";

    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        postroom.deliver("alice", MESSAGE);
        postroom.deliver("alice", MESSAGE);
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    @Test
    void pipelinedCommandsInOneWriteAreAnsweredInOrder() throws Exception {
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.expectOk(pop.line());
            pop.send("USER alice\r\nPASS " + TestPostroom.PASSWORD + "\r\nSTAT\r\nLIST\r\nUIDL 1\r\nRETR 2\r\nDELE 2\r\nTOP 1 0\r\nNOOP\r\nQUIT\r\n");
            assertThat(pop.line()).isEqualTo("+OK Send your password");
            assertThat(pop.line()).startsWith("+OK Logged in, 2 messages");
            assertThat(pop.line()).isEqualTo("+OK 2 " + 2 * MESSAGE.length());
            assertThat(pop.line()).startsWith("+OK 2 messages");
            assertThat(pop.lines()).containsExactly("1 " + MESSAGE.length(), "2 " + MESSAGE.length());
            assertThat(pop.line()).startsWith("+OK 1 ");
            assertThat(pop.line()).isEqualTo("+OK " + MESSAGE.length() + " octets");
            assertThat(new String(pop.body(), StandardCharsets.UTF_8)).isEqualTo(MESSAGE);
            assertThat(pop.line()).isEqualTo("+OK Message 2 deleted");
            assertThat(pop.line()).isEqualTo("+OK Top of message follows");
            assertThat(pop.lines()).containsExactly("Subject: hi", "");
            assertThat(pop.line()).isEqualTo("+OK");
            assertThat(pop.line()).isEqualTo("+OK Bye, 1 messages deleted, 1 left");
            assertThat(pop.isClosedByServer()).isTrue();
        }
    }

    @Test
    void plaintextPipelinedAfterStlsIsThrownAway() throws Exception {
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.expectOk(pop.line());
            // CVE-2011-0411: a man in the middle appends a command to the client's STLS.
            pop.send("STLS\r\nUSER alice\r\n");
            assertThat(pop.line()).isEqualTo("+OK Begin TLS negotiation");
            pop.startTls();
            assertThat(pop.command("PASS " + TestPostroom.PASSWORD)).isEqualTo("-ERR Send USER first");
            pop.expectOk(pop.command("USER alice"));
            pop.expectOk(pop.command("PASS " + TestPostroom.PASSWORD));
            pop.expectOk(pop.command("QUIT"));
        }
    }

    @Test
    void badLinesAreRefusedAndTheSessionGoesOn() throws Exception {
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.expectOk(pop.line());
            assertThat(pop.command("NOOP " + "x".repeat(600))).isEqualTo("-ERR Line too long");
            pop.send(new byte[] {'U', 'S', 'E', 'R', ' ', 'a', 0, 'b', '\r', '\n'});
            assertThat(pop.line()).isEqualTo("-ERR Command contains NUL, control or non-UTF-8 bytes");
            pop.send(new byte[] {'U', 'S', 'E', 'R', ' ', (byte) 0xC3, (byte) 0x28, '\r', '\n'});
            assertThat(pop.line()).isEqualTo("-ERR Command contains NUL, control or non-UTF-8 bytes");
            assertThat(pop.command("")).isEqualTo("-ERR Unknown command");
            assertThat(pop.command("USER")).isEqualTo("-ERR Syntax: USER name");
            assertThat(pop.command("PASS")).isEqualTo("-ERR Syntax: PASS password");
            // Commands may end in a bare LF, as many servers allow.
            pop.send("USER alice\n");
            assertThat(pop.line()).isEqualTo("+OK Send your password");
            assertThat(pop.command("PASS " + TestPostroom.PASSWORD)).startsWith("+OK Logged in");
            assertThat(pop.command("QUIT")).startsWith("+OK Bye");
        }
    }

    @Test
    void aPasswordMayHoldSpaces() throws Exception {
        postroom.directory().setPassword(org.postroom.message.MailAddress.parse("alice@office.test"), " two  words ".toCharArray());
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.expectOk(pop.line());
            pop.expectOk(pop.command("USER alice"));
            assertThat(pop.command("PASS  two  words ")).startsWith("+OK Logged in");
            pop.command("QUIT");
        }
    }

    @Test
    void tooManyBadCommandsCloseTheSession() throws Exception {
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.expectOk(pop.line());
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 25; i++) burst.append("BOGUS ").append(i).append("\r\n");
            pop.send(burst.toString());
            List<String> answers = new ArrayList<>();
            for (String line; (line = pop.line()) != null; ) answers.add(line);
            assertThat(answers).hasSize(21); // max_errors = 20, then the closing line
            assertThat(answers.subList(0, 20)).allMatch(a -> a.equals("-ERR Unknown command"));
            assertThat(answers.getLast()).isEqualTo("-ERR Too many bad commands, closing connection");
        }
    }

    @Test
    void aHugeSaslResponseIsRefusedWithoutHarm() throws Exception {
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.expectOk(pop.line());
            assertThat(pop.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(pop.command("A".repeat(20_000))).isEqualTo("-ERR Cannot decode the authentication data");
            assertThat(pop.command("CAPA")).startsWith("+OK");
            pop.lines();
        }
    }
}
