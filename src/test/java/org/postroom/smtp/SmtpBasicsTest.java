package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.TestPostroom;
import org.postroom.testing.Transcript;

class SmtpBasicsTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    @Test
    void deliversAMessageForALocalUserFromAnyone() throws Exception {
        Transcript.run(postroom.smtpPort(), """
                S: 220 mx.office.test ESMTP Postroom
                C: EHLO client.example
                S: 250-mx.office.test greets client.example
                S: 250-PIPELINING
                S: 250-SIZE \\d+
                S: 250-8BITMIME
                S: 250-SMTPUTF8
                S: 250-ENHANCEDSTATUSCODES
                S: 250-CHUNKING
                S: 250-STARTTLS
                S: 250-AUTH PLAIN LOGIN
                S: 250 HELP
                C: MAIL FROM:<bob@example.com>
                S: 250 2.1.0 .*
                C: RCPT TO:<Alice@OFFICE.test>
                S: 250 2.1.5 .*
                C: DATA
                S: 354 .*
                C: Subject: hello
                C:
                C: ..leading dot
                C: .
                S: 250 2.0.0 Ok: queued as \\w+
                C: QUIT
                S: 221 2.0.0 .*
                S: <closed>
                """);
        assertThat(postroom.delivered("alice")).hasSize(1);
        String stored = postroom.readDelivered(postroom.delivered("alice").getFirst());
        assertThat(stored).startsWith("Return-Path: <bob@example.com>\r\nReceived: from client.example ([127.0.0.1])\r\n");
        assertThat(stored).endsWith("Subject: hello\r\n\r\n.leading dot\r\n");
    }
}
