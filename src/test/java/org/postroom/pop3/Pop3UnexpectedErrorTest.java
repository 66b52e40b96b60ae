package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.BrokenDatabase;
import org.postroom.testing.RawPop3;
import org.postroom.testing.TestPostroom;

/**
 * Issue 10, item 7, for POP3: a login that fails inside Postroom (the database, broken for real) is answered
 * {@code -ERR [SYS/TEMP]} and the session goes on; the next try on the same connection logs in.
 */
class Pop3UnexpectedErrorTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    @Test
    void passWithTheDatabaseDownGetsSysTempAndTheSessionGoesOn() throws Exception {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        postroom.deliver("alice", "Subject: waiting\r\n\r\nfor alice\r\n");
        try (RawPop3 pop = RawPop3.connect(postroom.pop3Port())) {
            pop.expectOk(pop.line());
            try (BrokenDatabase _ = BrokenDatabase.breakIn(postroom.dataDir())) {
                pop.expectOk(pop.command("USER alice"));
                assertThat(pop.command("PASS " + TestPostroom.PASSWORD)).isEqualTo("-ERR [SYS/TEMP] Local error in processing, try again later");
                assertThat(pop.command("CAPA")).startsWith("+OK");
                pop.lines();
            }
            pop.expectOk(pop.command("USER alice"));
            assertThat(pop.command("PASS " + TestPostroom.PASSWORD)).startsWith("+OK Logged in, 1 messages");
        }
    }
}
