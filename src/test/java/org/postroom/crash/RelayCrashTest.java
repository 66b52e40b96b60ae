package org.postroom.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ScriptedSmarthost;

/**
 * The outbound queue's promise: a message answered with 250 reaches the smarthost even when Postroom is killed
 * with SIGKILL, and is sent again only in the window RFC 5321 6.1 allows (the smarthost said 250, Postroom had
 * not yet recorded it). Postroom runs as a child process relaying to a sink in this JVM; four clients send a
 * bounded burst of outside mail; Postroom is killed at a random moment, restarted on the same data folder, and
 * left to empty its queue; twice. Then: every acknowledged message reached the sink; the duplicates are counted
 * and reported; nothing reached the sink that a client had not finished sending.
 *
 * <p>Reproduce the kill timing with {@code -Dpostroom.crash.seed=<seed printed by the test>}.
 */
class RelayCrashTest {
    private static final int ROUNDS = 2;
    private static final int CLIENTS = 4;
    private static final int MAX_MESSAGES_PER_ROUND = 1500;
    private static final Duration MAX_LOAD = Duration.ofSeconds(15);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern TOKEN = Pattern.compile("Message-ID: <(r[0-9]+-t[0-9]+-n[0-9]+)@relay-crash\\.test>");

    enum State { SENT, ACKED }

    @TempDir
    Path root;

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void acknowledgedOutboundMailSurvivesKillNine() throws Exception {
        Optional<Path> classes = PostroomProcess.postroomClasses();
        Assumptions.assumeTrue(classes.isPresent(), "SKIPPED: Postroom's classes are not built (mvn compile)");
        Path postroomClasses = PostroomProcess.snapshot(classes.get(), Files.createDirectories(root.resolve("classes")));
        long seed = Long.getLong("postroom.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        log("seed " + seed + " (rerun with -Dpostroom.crash.seed=" + seed + ")");

        try (ScriptedSmarthost sink = ScriptedSmarthost.start(new ScriptedSmarthost.Script())) {
            Path data = Files.createDirectories(root.resolve("data"));
            int[] ports = PostroomProcess.freePorts(5);
            Files.writeString(data.resolve("postroom.toml"), "[server]\nhostname = \"mx.office.test\"\nbind = \"127.0.0.1\"\n"
                    + "[smtp]\nport = " + ports[0] + "\nsubmission_port = " + ports[1] + "\nsubmissions_port = " + ports[2] + "\n"
                    + "[pop3]\nport = " + ports[3] + "\ntls_port = " + ports[4] + "\n[imap]\nport = 0\ntls_port = 0\n[web]\nport = 0\n"
                    + "[relay]\nsmarthosts = [\"127.0.0.1:" + sink.port() + "\"]\ntls = \"none\"\n"
                    + "[queue]\nfirst_retry = \"1s\"\nmax_retry_interval = \"2s\"\n", StandardCharsets.UTF_8);

            Map<String, State> ledger = new ConcurrentHashMap<>();
            PostroomProcess server = PostroomProcess.start(postroomClasses, data, "office.test", READY_TIMEOUT);
            try {
                for (int round = 1; round <= ROUNDS; round++) {
                    Load load = new Load(ports[0], round, ledger, System.nanoTime() + MAX_LOAD.toNanos());
                    load.start();
                    long begin = System.nanoTime();
                    Thread.sleep(700 + random.nextInt(1300));
                    while (load.acked.get() == 0 && System.nanoTime() - begin < MAX_LOAD.toNanos()) Thread.sleep(10);
                    int ackedBeforeKill = load.acked.get();
                    int sinkBeforeKill = sink.messages.size();
                    server.kill();
                    load.stopAndJoin();
                    int queued = countQueued(data.resolve("queue"));
                    server = PostroomProcess.start(postroomClasses, data, "office.test", READY_TIMEOUT);
                    long drainBegin = System.nanoTime();
                    while (countQueued(data.resolve("queue")) > 0) {
                        if (System.nanoTime() - drainBegin > DRAIN_TIMEOUT.toNanos()) {
                            throw new AssertionError("the queue did not empty within " + DRAIN_TIMEOUT.toSeconds() + " s after the restart");
                        }
                        Thread.sleep(50);
                    }
                    Report report = verify(ledger, sink.messages);
                    log("round " + round + ": SIGKILL after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) + " ms with "
                            + ackedBeforeKill + " acknowledged and " + sinkBeforeKill + " at the sink; " + queued + " left in the queue; "
                            + "after restart and drain: " + report);
                    assertThat(ackedBeforeKill).isPositive();
                }
                log("stopped with SIGTERM, exit code " + server.stop(30));
            } catch (Throwable e) {
                log("FAILED; last output of the Postroom process:\n" + server.outputTail());
                throw e;
            } finally {
                server.close();
            }
        }
    }

    record Report(int acknowledged, int atSink, int duplicates, int sentUnacknowledgedDelivered) {
        @Override
        public String toString() {
            return "all " + acknowledged + " acknowledged messages reached the sink; " + atSink + " deliveries at the sink in all; "
                    + duplicates + " duplicate(s) (the smarthost said 250, Postroom was killed before recording it); "
                    + sentUnacknowledgedDelivered + " sent but unacknowledged message(s) delivered (allowed)";
        }
    }

    private static Report verify(Map<String, State> ledger, List<ScriptedSmarthost.Received> received) {
        Map<String, Integer> copies = new HashMap<>();
        for (ScriptedSmarthost.Received m : received) {
            Matcher t = TOKEN.matcher(m.text());
            assertThat(t.find()).as("a message of the load at the sink: %s", m.text().substring(0, Math.min(200, m.text().length()))).isTrue();
            String token = t.group(1);
            assertThat(ledger).as("message %s reached the sink, so its client finished sending it", token).containsKey(token);
            assertThat(m.text()).as("message %s arrived whole", token).endsWith("END " + token + "\r\n");
            copies.merge(token, 1, Integer::sum);
        }
        int acknowledged = 0;
        int unackedDelivered = 0;
        for (Map.Entry<String, State> e : ledger.entrySet()) {
            if (e.getValue() == State.ACKED) {
                assertThat(copies).as("acknowledged message %s reached the sink", e.getKey()).containsKey(e.getKey());
                acknowledged++;
            } else if (copies.containsKey(e.getKey())) {
                unackedDelivered++;
            }
        }
        int duplicates = copies.values().stream().mapToInt(c -> c - 1).sum();
        return new Report(acknowledged, received.size(), duplicates, unackedDelivered);
    }

    /** Client threads sending outside mail over plain SMTP from the office network (trusted loopback). */
    private static final class Load {
        final AtomicInteger acked = new AtomicInteger();
        private final int port;
        private final int round;
        private final Map<String, State> ledger;
        private final long deadline;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger started = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();

        Load(int port, int round, Map<String, State> ledger, long deadline) {
            this.port = port;
            this.round = round;
            this.ledger = ledger;
            this.deadline = deadline;
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                threads.add(Thread.ofPlatform().name("relay-load-" + c).start(() -> run(client)));
            }
        }

        void stopAndJoin() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join(20_000);
                if (t.isAlive()) throw new AssertionError(t.getName() + " did not stop");
            }
        }

        private boolean going() {
            return !stop.get() && System.nanoTime() < deadline;
        }

        private void run(int client) {
            int n = 0;
            while (going()) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                    socket.setSoTimeout(15_000);
                    InputStream in = socket.getInputStream();
                    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536);
                    reply(in);
                    command(in, out, "EHLO load" + client + ".office.test");
                    for (int i = 0; i < 20 && going(); i++) {
                        if (started.incrementAndGet() > MAX_MESSAGES_PER_ROUND) {
                            stop.set(true);
                            break;
                        }
                        String token = "r" + round + "-t" + client + "-n" + n++;
                        if (!command(in, out, "MAIL FROM:<loader@office.test>").startsWith("250")) throw new IOException("MAIL");
                        if (!command(in, out, "RCPT TO:<" + token + "@remote.test>").startsWith("250")) throw new IOException("RCPT");
                        if (!command(in, out, "DATA").startsWith("354")) throw new IOException("DATA");
                        out.write(message(token));
                        ledger.put(token, State.SENT);
                        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        if (reply(in).startsWith("250 ")) {
                            ledger.put(token, State.ACKED);
                            acked.incrementAndGet();
                        }
                    }
                    if (!stop.get()) command(in, out, "QUIT");
                } catch (IOException e) {
                    try {
                        Thread.sleep(20); // killed: try again until told to stop
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }

        private static byte[] message(String token) {
            StringBuilder m = new StringBuilder("From: <loader@office.test>\r\nTo: <" + token + "@remote.test>\r\nSubject: relay crash "
                    + token + "\r\nMessage-ID: <" + token + "@relay-crash.test>\r\n\r\n");
            for (int i = 0; i < 30; i++) m.append("line ").append(i).append(" of ").append(token).append(" the quick brown fox jumps over the lazy dog\r\n");
            return m.append("END ").append(token).append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        }

        private static String command(InputStream in, OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply(in);
        }

        private static String reply(InputStream in) throws IOException {
            while (true) {
                StringBuilder line = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') if (b != '\r') line.append((char) b);
                if (b < 0) throw new IOException("closed");
                if (line.length() < 4 || line.charAt(3) == ' ') return line.toString();
            }
        }
    }

    private static int countQueued(Path queue) throws IOException {
        if (!Files.isDirectory(queue)) return 0;
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(queue, "*.msg")) {
            for (Path ignored : files) n++;
        }
        return n;
    }


    private static void log(String line) {
        System.out.println("RelayCrashTest: " + line);
    }
}
