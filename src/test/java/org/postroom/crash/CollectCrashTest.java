package org.postroom.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.collect.ScriptedPop3;

/**
 * The collector's promise under SIGKILL: Postroom (a child process) collects from a provider that behaves as RFC
 * 1939 says (DELEs apply only at QUIT, which a killed client never sends); it is killed in the middle of a cycle,
 * restarted on the same data folder, and left to empty the provider; three times. Then every message is in its
 * mailbox exactly once: the ledger record is written with the pending delivery before the message is linked into
 * the mailbox, and a restart finishes what a kill interrupted (CollectLedger.finishPending).
 */
class CollectCrashTest {
    private static final int ROUNDS = 3;
    private static final int MESSAGES_PER_ROUND = 300;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern TOKEN = Pattern.compile("Message-ID: <(r[0-9]+-n[0-9]+)@collect-crash\\.test>");

    @TempDir
    Path root;

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void collectedMailSurvivesKillNineExactlyOnce() throws Exception {
        Optional<Path> classes = PostroomProcess.postroomClasses();
        Assumptions.assumeTrue(classes.isPresent(), "SKIPPED: Postroom's classes are not built (mvn compile)");
        Path postroomClasses = PostroomProcess.snapshot(classes.get(), Files.createDirectories(root.resolve("classes")));
        long seed = Long.getLong("postroom.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        log("seed " + seed + " (rerun with -Dpostroom.crash.seed=" + seed + ")");

        try (ScriptedPop3 provider = new ScriptedPop3()) {
            Path data = Files.createDirectories(root.resolve("data"));
            int[] ports = PostroomProcess.freePorts(5);
            Files.writeString(data.resolve("postroom.toml"), "[server]\nhostname = \"mx.office.test\"\nbind = \"127.0.0.1\"\n"
                    + "[smtp]\nport = " + ports[0] + "\nsubmission_port = " + ports[1] + "\nsubmissions_port = " + ports[2] + "\n"
                    + "[pop3]\nport = " + ports[3] + "\ntls_port = " + ports[4] + "\n[imap]\nport = 0\ntls_port = 0\n[web]\nport = 0\n"
                    + "[[collect.account]]\nname = \"provider\"\nhost = \"127.0.0.1\"\nport = " + provider.port() + "\ntls = \"none\"\n"
                    + "allow_plaintext = true\nlogin = \"office\"\npassword = \"x\"\nmode = \"multi-drop\"\ninterval = \"1s\"\n", StandardCharsets.UTF_8);
            PostroomProcess server = PostroomProcess.start(postroomClasses, data, "office.test", READY_TIMEOUT);
            try {
                PostroomProcess.CliResult added = PostroomProcess.runCli(postroomClasses, "crash test password\n", Duration.ofSeconds(60),
                        "user", "add", "alice@office.test", "--password-stdin", "--data", data.toString());
                assertThat(added.exitCode()).as("`postroom user add` said: %s", added.output()).isZero();
                int expected = 0;
                for (int round = 1; round <= ROUNDS; round++) {
                    for (int n = 0; n < MESSAGES_PER_ROUND; n++) {
                        String to = n % 3 == 0 ? "postmaster@office.test" : "alice@office.test";
                        provider.messages.add("Delivered-To: " + to + "\r\nFrom: x@outside.test\r\nMessage-ID: <r" + round + "-n" + n
                                + "@collect-crash.test>\r\nSubject: " + n + "\r\n\r\n" + "body line\r\n".repeat(100));
                    }
                    expected += MESSAGES_PER_ROUND;
                    long begin = System.nanoTime();
                    // Kill in the middle of a cycle: once something of this round is delivered, after a drawn 0-300 ms.
                    while (count(data).size() <= expected - MESSAGES_PER_ROUND && System.nanoTime() - begin < DRAIN_TIMEOUT.toNanos()) {
                        Thread.sleep(20);
                    }
                    Thread.sleep(random.nextInt(300));
                    int leftBeforeKill = provider.messages.size();
                    server.kill();
                    Map<String, Integer> atKill = count(data);
                    server = PostroomProcess.start(postroomClasses, data, "office.test", READY_TIMEOUT);
                    long drainBegin = System.nanoTime();
                    while (!provider.messages.isEmpty()) {
                        if (System.nanoTime() - drainBegin > DRAIN_TIMEOUT.toNanos()) {
                            throw new AssertionError(provider.messages.size() + " messages still at the provider " + DRAIN_TIMEOUT.toSeconds()
                                    + " s after the restart");
                        }
                        Thread.sleep(100);
                    }
                    Map<String, Integer> after = count(data);
                    int duplicates = after.values().stream().mapToInt(c -> c - 1).sum();
                    log("round " + round + ": SIGKILL with "
                            + atKill.size() + " delivered and " + leftBeforeKill + " at the provider; after restart: " + after.size()
                            + " distinct messages delivered, " + duplicates + " duplicate(s)");
                    assertThat(after).as("every message delivered").hasSize(expected);
                    assertThat(duplicates).as("no message twice").isZero();
                }
                log("stopped with SIGTERM, exit code " + server.stop(30));
                // How often a kill fell between the record and the links, so that a restart had to finish the delivery.
                String logText = Files.readString(data.resolve("logs").resolve("postroom.log"), StandardCharsets.UTF_8);
                log("deliveries finished by a restart: " + logText.lines().filter(l -> l.contains("finished an interrupted delivery")).count());
                assertThat(logText).as("the collector's own log lines (postroom.collect) reach the log file").contains("cycle done: messages=");
            } catch (Throwable e) {
                log("FAILED; last output of the Postroom process:\n" + server.outputTail());
                throw e;
            } finally {
                server.close();
            }
        }
    }

    /** Message token → copies, over alice's and the postmaster's mailboxes. */
    private static Map<String, Integer> count(Path data) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (String user : new String[] {"alice", "postmaster"}) {
            for (String folder : new String[] {"new", "cur"}) {
                Path dir = data.resolve("mail").resolve("office.test").resolve(user).resolve(folder);
                if (!Files.isDirectory(dir)) continue;
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path file : files) {
                        Matcher m = TOKEN.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
                        if (m.find()) counts.merge(m.group(1), 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }


    private static void log(String line) {
        System.out.println("CollectCrashTest: " + line);
    }
}
