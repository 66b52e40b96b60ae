package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.SmallDisk;
import org.postroom.testing.TestPostroom;

/**
 * Issue 10 item 8: a message larger than the 128 KiB kept in memory spills to {@code data/tmp/}; when that disk is
 * full the client gets {@code 452 4.3.1} (RFC 3463: mail system full), the spill file is removed at once, and the
 * session goes on. Uses a real full disk (a small tmpfs over {@code data/tmp/}).
 */
class SmtpDiskFullTest {
    @TempDir
    Path dir;
    TestPostroom postroom;
    SmallDisk disk;

    @BeforeEach
    void start() throws Exception {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        disk = SmallDisk.mount(postroom.dataDir().resolve("tmp"), 256 << 10);
    }

    @AfterEach
    void stop() throws Exception {
        if (disk != null) disk.close();
        postroom.close();
    }

    private RawSmtp transactionForAlice() throws Exception {
        RawSmtp smtp = RawSmtp.connect(postroom.smtpPort());
        assertThat(smtp.reply()).startsWith("220 ");
        assertThat(smtp.command("EHLO client.example")).startsWith("250-");
        assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 ");
        assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 ");
        return smtp;
    }

    private static String body(int lines) {
        String line = "x".repeat(998) + "\r\n"; // RFC 5321 4.5.3.1.6: 1000 octets with CRLF
        return "Subject: big\r\n\r\n" + line.repeat(lines);
    }

    @Test
    void dataLargerThanTheFreeSpaceGets452AndLeavesNoSpillFile() throws Exception {
        try (RawSmtp smtp = transactionForAlice()) {
            assertThat(smtp.command("DATA")).startsWith("354 ");
            String reply = smtp.send(body(600) + ".\r\n").reply();
            assertThat(reply).startsWith("452 4.3.1 ");
            assertThat(disk.files()).isEmpty(); // removed at once, not at the end of the session
            assertThat(smtp.command("NOOP")).startsWith("250 ");

            // The space is free again: a message that fits goes through on the same connection.
            assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 ");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 ");
            assertThat(smtp.command("DATA")).startsWith("354 ");
            assertThat(smtp.send(body(200) + ".\r\n").reply()).startsWith("250 ");
        }
        assertThat(postroom.delivered("alice")).hasSize(1);
        assertThat(disk.files()).isEmpty();
    }

    @Test
    void bdatChunksBeyondTheFreeSpaceGet452AndLeaveNoSpillFile() throws Exception {
        byte[] chunk = body(200).getBytes(StandardCharsets.US_ASCII);
        try (RawSmtp smtp = transactionForAlice()) {
            smtp.send(("BDAT " + chunk.length + "\r\n").getBytes(StandardCharsets.US_ASCII)).send(chunk);
            assertThat(smtp.reply()).startsWith("250 ");
            smtp.send(("BDAT " + chunk.length + "\r\n").getBytes(StandardCharsets.US_ASCII)).send(chunk);
            assertThat(smtp.reply()).startsWith("452 4.3.1 ");
            assertThat(disk.files()).isEmpty();
            smtp.send(("BDAT " + chunk.length + " LAST\r\n").getBytes(StandardCharsets.US_ASCII)).send(chunk);
            assertThat(smtp.reply()).startsWith("452 4.3.1 ");
            assertThat(smtp.command("NOOP")).startsWith("250 ");
        }
        assertThat(postroom.delivered("alice")).isEmpty();
        assertThat(disk.files()).isEmpty();
    }
}
