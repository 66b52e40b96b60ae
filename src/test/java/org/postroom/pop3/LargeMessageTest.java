package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.Maildir;
import org.postroom.testing.RawPop3;
import org.postroom.testing.TestPostroom;

/**
 * A 100 MiB message is served from disk without being held in memory: Postroom runs as a child JVM with a 64 MiB
 * heap, smaller than the message, and the client checks the octet counts and a SHA-256 of the un-stuffed bytes.
 */
class LargeMessageTest {
    static final long SIZE = 100L << 20;
    static final String HEAP = "-Xmx64m";
    static final Pattern PORTS = Pattern.compile("POP3 on (\\d+), POP3 over TLS on (\\d+)");

    @TempDir
    Path dir;

    @Test
    void aHundredMebibyteMessageStreamsThroughASmallHeap() throws Exception {
        byte[] expectedDigest;
        String fileName;
        try (TestPostroom setup = TestPostroom.start(dir)) {
            setup.addUser("alice");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            fileName = setup.deliver("alice", out -> writeBigMessage(new DigestOutputStream(out, digest)));
            expectedDigest = digest.digest();
        }
        assertThat(Files.size(dir.resolve("mail/office.test/alice/new").resolve(fileName))).isEqualTo(SIZE);

        Process child = startChild();
        try {
            int port = awaitPop3Port(child);
            try (RawPop3 pop = RawPop3.login(port, "alice@office.test", TestPostroom.PASSWORD)) {
                pop.setTimeout(60_000);
                assertThat(pop.command("LIST 1")).isEqualTo("+OK 1 " + SIZE);
                assertThat(pop.command("UIDL 1")).isEqualTo("+OK 1 " + Maildir.uniqueName(fileName));
                assertThat(pop.command("RETR 1")).isEqualTo("+OK " + SIZE + " octets");
                MessageDigest received = MessageDigest.getInstance("SHA-256");
                long octets = pop.body(new DigestOutputStream(OutputStream.nullOutputStream(), received));
                assertThat(octets).isEqualTo(SIZE);
                assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(expectedDigest));
                assertThat(pop.command("TOP 1 2")).startsWith("+OK");
                assertThat(pop.lines()).containsExactly("Subject: a big attachment", "", "line 1 of the body", ".line 2 starts with a dot");
                assertThat(pop.command("QUIT")).startsWith("+OK Bye, 0 messages deleted, 1 left");
            }
            assertThat(child.isAlive()).as("the server survived").isTrue();
        } finally {
            child.destroy();
            if (!child.waitFor(20, TimeUnit.SECONDS)) child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Exactly {@link #SIZE} octets: a header, two known lines, then 80-octet CRLF lines (every seventh starting
     * with a dot, to be stuffed) and a last, shorter CRLF line.
     */
    private static void writeBigMessage(OutputStream out) throws IOException {
        byte[] head = "Subject: a big attachment\r\n\r\nline 1 of the body\r\n.line 2 starts with a dot\r\n".getBytes(StandardCharsets.US_ASCII);
        out.write(head);
        long written = head.length;
        byte[] line = new byte[80];
        for (long n = 3; written < SIZE; n++) {
            int length = (int) Math.min(line.length, SIZE - written);
            java.util.Arrays.fill(line, (byte) ('a' + (int) (n % 26)));
            if (n % 7 == 0) line[0] = '.';
            line[length - 2] = '\r';
            line[length - 1] = '\n';
            out.write(line, 0, length);
            written += length;
        }
        if ((SIZE - head.length) % line.length == 1) throw new AssertionError("the last line would have no room for its CRLF");
    }

    /** {@code java -Xmx64m -cp <test class path> org.postroom.Main start --data DIR}: the test's configuration, ports 0. */
    private Process startChild() throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, HEAP, "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "org.postroom.Main", "start", "--data", dir.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the child's output until it prints its ports; keeps draining it afterwards so it never blocks. */
    private static int awaitPop3Port(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                    Matcher m = PORTS.matcher(line);
                    if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                }
            } catch (IOException e) {
                // the child is gone
            }
            port.completeExceptionally(new AssertionError("Postroom ended before printing its ports:\n" + seen));
        });
        return port.get(60, TimeUnit.SECONDS);
    }
}
