package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.Maildir;
import org.postroom.testing.TestPostroom;
import org.postroom.testing.Transcript;

/** The RFC 1939 dialogue with exact replies, as C:/S: transcripts over a real socket. */
class Pop3TranscriptTest {
    static final String FIRST = "From: bob@example.com\r\nSubject: one\r\n\r\nHello\r\n.leading dot\r\n..two dots\r\n.\r\nend\r\n";
    static final String SECOND = "Subject: two\r\n\r\nline 1\r\nline 2\r\nline 3\r\n";

    @TempDir
    Path dir;
    TestPostroom postroom;
    String firstUid;
    String secondUid;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        firstUid = Maildir.uniqueName(postroom.deliver("alice", FIRST));
        secondUid = Maildir.uniqueName(postroom.deliver("alice", SECOND));
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    static int octets(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aWholeSessionWithExactReplies() throws Exception {
        int one = octets(FIRST);
        int two = octets(SECOND);
        Transcript.run(postroom.pop3Port(), """
                S: \\+OK mx.office.test POP3 Postroom ready
                C: CAPA
                S: \\+OK Capability list follows
                S: TOP
                S: UIDL
                S: RESP-CODES
                S: AUTH-RESP-CODE
                S: PIPELINING
                S: USER
                S: SASL PLAIN
                S: STLS
                S: IMPLEMENTATION Postroom
                S: \\.
                C: USER alice@office.test
                S: \\+OK Send your password
                C: PASS %s
                S: \\+OK Logged in, 2 messages \\(%d octets\\)
                C: STAT
                S: \\+OK 2 %d
                C: LIST
                S: \\+OK 2 messages \\(%d octets\\)
                S: 1 %d
                S: 2 %d
                S: \\.
                C: LIST 2
                S: \\+OK 2 %d
                C: UIDL
                S: \\+OK Unique-id listing follows
                S: 1 \\Q%s\\E
                S: 2 \\Q%s\\E
                S: \\.
                C: UIDL 1
                S: \\+OK 1 \\Q%s\\E
                C: RETR 1
                S: \\+OK %d octets
                S: From: bob@example.com
                S: Subject: one
                S:
                S: Hello
                S: \\.\\.leading dot
                S: \\.\\.\\.two dots
                S: \\.\\.
                S: end
                S: \\.
                C: TOP 2 1
                S: \\+OK Top of message follows
                S: Subject: two
                S:
                S: line 1
                S: \\.
                C: TOP 2 0
                S: \\+OK Top of message follows
                S: Subject: two
                S:
                S: \\.
                C: DELE 1
                S: \\+OK Message 1 deleted
                C: DELE 1
                S: -ERR Message is marked as deleted
                C: RETR 1
                S: -ERR Message is marked as deleted
                C: LIST 1
                S: -ERR Message is marked as deleted
                C: STAT
                S: \\+OK 1 %d
                C: LIST
                S: \\+OK 1 messages \\(%d octets\\)
                S: 2 %d
                S: \\.
                C: RSET
                S: \\+OK Maildrop has 2 messages \\(%d octets\\)
                C: NOOP
                S: \\+OK
                C: DELE 2
                S: \\+OK Message 2 deleted
                C: QUIT
                S: \\+OK Bye, 1 messages deleted, 1 left
                S: <closed>
                """.formatted(TestPostroom.PASSWORD, one + two, one + two, one + two, one, two, two, firstUid, secondUid, firstUid,
                one, two, two, two, one + two));
        // The retrieved message stays, flagged seen; the deleted one is gone.
        assertThat(postroom.mailFiles("alice")).containsExactly("cur/" + firstUid + ",S=" + one + ",U=1:2,S");
    }

    @Test
    void messageNumbersThatNameNoMessage() throws Exception {
        Transcript.run(postroom.pop3Port(), """
                S: \\+OK .*
                C: USER alice
                S: \\+OK .*
                C: PASS %s
                S: \\+OK .*
                C: RETR 3
                S: -ERR No such message
                C: RETR 0
                S: -ERR No such message
                C: LIST 999999999
                S: -ERR No such message
                C: UIDL 7
                S: -ERR No such message
                C: TOP 3 0
                S: -ERR No such message
                C: DELE 3
                S: -ERR No such message
                C: RETR -1
                S: -ERR Invalid message number
                C: RETR one
                S: -ERR Invalid message number
                C: RETR 1234567890
                S: -ERR Invalid message number
                C: TOP 1
                S: -ERR Syntax: TOP message-number lines
                C: TOP 1 x
                S: -ERR Invalid number of lines
                C: RETR
                S: -ERR Syntax: RETR message-number
                C: LIST 1 2
                S: -ERR Syntax: LIST \\[message-number\\]
                C: STAT now
                S: -ERR This command takes no arguments
                C: QUIT
                S: \\+OK Bye, 0 messages deleted, 2 left
                S: <closed>
                """.formatted(TestPostroom.PASSWORD));
    }

    @Test
    void commandsOutsideTheirStateAreRefusedAndTheSessionGoesOn() throws Exception {
        Transcript.run(postroom.pop3Port(), """
                S: \\+OK .*
                C: STAT
                S: -ERR STAT is not allowed in the AUTHORIZATION state
                C: LIST
                S: -ERR LIST is not allowed in the AUTHORIZATION state
                C: RETR 1
                S: -ERR RETR is not allowed in the AUTHORIZATION state
                C: DELE 1
                S: -ERR DELE is not allowed in the AUTHORIZATION state
                C: UIDL
                S: -ERR UIDL is not allowed in the AUTHORIZATION state
                C: TOP 1 1
                S: -ERR TOP is not allowed in the AUTHORIZATION state
                C: NOOP
                S: -ERR NOOP is not allowed in the AUTHORIZATION state
                C: RSET
                S: -ERR RSET is not allowed in the AUTHORIZATION state
                C: PASS secret
                S: -ERR Send USER first
                C: APOP alice c4c9334bac560ecc979e58001b3e22fb
                S: -ERR Unknown command
                C: HELO there
                S: -ERR Unknown command
                C: user alice
                S: \\+OK Send your password
                C: pass %s
                S: \\+OK Logged in, 2 messages .*
                C: USER alice
                S: -ERR USER is not allowed in the TRANSACTION state
                C: PASS x
                S: -ERR PASS is not allowed in the TRANSACTION state
                C: AUTH PLAIN
                S: -ERR AUTH is not allowed in the TRANSACTION state
                C: STLS
                S: -ERR STLS is not allowed in the TRANSACTION state
                C: stat
                S: \\+OK 2 \\d+
                C: CAPA
                S: \\+OK Capability list follows
                S: TOP
                S: UIDL
                S: RESP-CODES
                S: AUTH-RESP-CODE
                S: PIPELINING
                S: USER
                S: SASL PLAIN
                S: STLS
                S: IMPLEMENTATION Postroom
                S: \\.
                C: QUIT
                S: \\+OK Bye.*
                S: <closed>
                """.formatted(TestPostroom.PASSWORD));
    }

    @Test
    void quitBeforeLoginEndsTheSession() throws Exception {
        Transcript.run(postroom.pop3Port(), """
                S: \\+OK .*
                C: QUIT
                S: \\+OK Bye
                S: <closed>
                """);
    }

    @Test
    void authPlainWithAnInitialResponseOrAfterTheChallenge() throws Exception {
        String credentials = Base64.getEncoder().encodeToString(("\0alice@office.test\0" + TestPostroom.PASSWORD).getBytes(StandardCharsets.UTF_8));
        String wrong = Base64.getEncoder().encodeToString("\0alice@office.test\0wrong".getBytes(StandardCharsets.UTF_8));
        Transcript.run(postroom.pop3Port(), """
                S: \\+OK .*
                C: AUTH
                S: \\+OK Methods supported
                S: PLAIN
                S: \\.
                C: AUTH CRAM-MD5
                S: -ERR Unsupported authentication mechanism
                C: AUTH PLAIN
                S: \\+\\s
                C: *
                S: -ERR Authentication cancelled
                C: AUTH PLAIN
                S: \\+\\s
                C: not base64!
                S: -ERR Cannot decode the authentication data
                C: AUTH PLAIN %s
                S: -ERR \\[AUTH\\] Authentication failed
                C: AUTH PLAIN
                S: \\+\\s
                C: %s
                S: \\+OK Logged in, 2 messages .*
                C: QUIT
                S: \\+OK Bye.*
                """.formatted(wrong, credentials));
        Transcript.run(postroom.pop3Port(), """
                S: \\+OK .*
                C: auth plain %s
                S: \\+OK Logged in, 2 messages .*
                C: QUIT
                S: \\+OK Bye.*
                """.formatted(credentials));
    }
}
