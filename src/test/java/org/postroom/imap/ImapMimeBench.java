package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.Maildir;
import org.postroom.testing.RawImap;
import org.postroom.testing.TestPostroom;

/**
 * Not a test: the FETCH and SEARCH figures of docs/architecture.md "IMAP: MIME, FETCH and SEARCH", over a folder of
 * {@code -Dpostroom.bench.messages} (10,000) 5 KiB messages written straight into cur/ (the store numbers them on the
 * first SELECT). Runs only with {@code -Dpostroom.bench=true}; prints milliseconds, medians of 5 after one warm-up.
 */
class ImapMimeBench {
    @TempDir
    Path dir;

    @Test
    void fetchAndSearchOverAFolder() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("postroom.bench"), "run with -Dpostroom.bench=true");
        int count = Integer.getInteger("postroom.bench.messages", 10_000);
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            postroom.addUser("alice");
            Maildir maildir = postroom.maildir("alice");
            Files.createDirectories(maildir.cur());
            String body = "x".repeat(74) + "\r\n";
            for (int i = 1; i <= count; i++) {
                String message = "From: Sender " + i + " <s" + i + "@example.com>\r\nTo: alice@office.test\r\nSubject: message number " + i
                        + (i % 1000 == 0 ? " needle" : "") + "\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + i + "@example.com>\r\n\r\n"
                        + body.repeat(64);
                Files.write(maildir.cur().resolve("1765000000.M" + i + "P1.bench:2,S"), message.getBytes(StandardCharsets.US_ASCII));
            }
            try (RawImap imap = RawImap.login(postroom.imapPort(), "alice", TestPostroom.PASSWORD)) {
                long t = System.nanoTime();
                imap.command("s SELECT INBOX").expectOk();
                System.out.printf("first SELECT of %d messages: %.1f ms%n", count, (System.nanoTime() - t) / 1e6);
                measure(imap, "UID FETCH 1:* (FLAGS)", count);
                if (Boolean.getBoolean("postroom.bench.flagsOnly")) return;
                measure(imap, "FETCH " + (count - 99) + ":* (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Subject Date Message-ID)])", 100);
                measure(imap, "UID SEARCH SUBJECT needle", 1);
                measure(imap, "UID SEARCH BODY needle", 1);
            }
        }
    }

    private static void measure(RawImap imap, String command, int expectedAtLeast) throws Exception {
        double[] ms = new double[6];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            RawImap.Result result = imap.command("m" + i + " " + command).expectOk();
            ms[i] = (System.nanoTime() - t) / 1e6;
            assertThat(result.untagged()).hasSizeGreaterThanOrEqualTo(Math.min(expectedAtLeast, 1));
        }
        double[] warm = java.util.Arrays.copyOfRange(ms, 1, ms.length);
        java.util.Arrays.sort(warm);
        System.out.printf("%s: first %.1f ms, median of 5 after %.1f ms%n", command, ms[0], warm[2]);
    }
}
