package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;
import org.postroom.trace.EventKind;
import org.postroom.trace.MessageStory;
import org.postroom.trace.TraceReader;

/**
 * A CLI admin command appends its audit event to trace.db while the server runs; the server's trace writer must go
 * on recording afterwards (both number events, and a clash used to roll every later batch back until a restart).
 */
class CliAuditWhileServingTest {
    @TempDir
    Path data;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    @Test
    void mailAfterACliAdminCommandIsStillTracedAndTheCommandIsFound() throws Exception {
        postroom = TestPostroom.start(data);
        postroom.addUser("ann");
        send("before@outside.test");
        postroom.trace().flush();
        Cli.Result added = Cli.runWithInput("a-long-enough-password\n", "user", "add", "--data=" + data, "zed@office.test", "--password-stdin");
        assertThat(added.code()).as(added.toString()).isZero();
        send("after@outside.test");
        postroom.trace().flush();
        try (TraceReader reader = TraceReader.open(data, ZoneOffset.UTC)) {
            assertThat(reader.find("after@outside.test", Instant.EPOCH, TraceReader.MAX_MESSAGES)).hasSize(1);
            assertThat(reader.find("zed@office.test", Instant.EPOCH, TraceReader.MAX_MESSAGES))
                    .flatExtracting(MessageStory::steps).extracting(e -> e.kind()).contains(EventKind.ADMIN);
        }
    }

    private void send(String from) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            assertThat(smtp.command("EHLO client.test")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<" + from + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<ann@office.test>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: hi\r\n\r\nhello\r\n.")).startsWith("250");
            smtp.command("QUIT");
        }
    }
}
