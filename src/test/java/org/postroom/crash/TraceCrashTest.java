package org.postroom.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.crash.CrashLoad.State;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;
import org.postroom.trace.MessageStory;
import org.postroom.trace.TraceReader;

/**
 * The trace keeps its promise across a crash: every message answered 250 has its "accepted" step in the trace
 * after Postroom is killed with SIGKILL (the SMTP session waits for its event's group commit before the 250). In the
 * style of {@link SmtpCrashTest}: Postroom as a child process under load from four SMTP clients, killed at a random
 * moment, restarted on the same data folder, and the trace read while it runs; twice on the same folder.
 *
 * <p>Reproduce the kill timing with {@code -Dpostroom.crash.seed=<seed printed by the test>}.
 */
class TraceCrashTest {
    private static final String DOMAIN = "office.test";
    private static final int ROUNDS = 2;
    private static final int CLIENTS = 4;
    private static final int MAX_MESSAGES_PER_ROUND = 2000;
    private static final Duration MAX_LOAD = Duration.ofSeconds(20);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90); // a first start on a loaded two-core machine took 34 s

    @TempDir
    Path root;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void everyMessageAnswered250KeepsItsAcceptedStepAcrossKillNine() throws Exception {
        Optional<Path> classes = PostroomProcess.postroomClasses();
        Assumptions.assumeTrue(classes.isPresent(), "SKIPPED: Postroom's classes are not built (mvn compile)");
        Path postroomClasses = PostroomProcess.snapshot(classes.get(), Files.createDirectories(root.resolve("classes")));
        long seed = Long.getLong("postroom.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        log("seed " + seed + " (rerun with -Dpostroom.crash.seed=" + seed + ")");

        Path data = Files.createDirectories(root.resolve("data"));
        int[] ports = PostroomProcess.freePorts(5);
        Files.writeString(data.resolve("postroom.toml"), "[server]\nhostname = \"mx.office.test\"\nbind = \"127.0.0.1\"\n"
                + "[smtp]\nport = " + ports[0] + "\nsubmission_port = " + ports[1] + "\nsubmissions_port = " + ports[2] + "\n"
                + "[pop3]\nport = " + ports[3] + "\ntls_port = " + ports[4] + "\n[imap]\nport = 0\ntls_port = 0\n[web]\nport = 0\n", StandardCharsets.UTF_8);

        Map<String, State> ledger = new HashMap<>();
        PostroomProcess server = PostroomProcess.start(postroomClasses, data, DOMAIN, READY_TIMEOUT);
        try {
            PostroomProcess.CliResult added = PostroomProcess.runCli(postroomClasses, "crash test password\n", Duration.ofSeconds(60),
                    "user", "add", CrashLoad.ALICE, "--password-stdin", "--data", data.toString());
            assertThat(added.exitCode()).as(added.output()).isZero();
            for (int round = 1; round <= ROUNDS; round++) {
                CrashLoad load = new CrashLoad(ports[0], round, MAX_MESSAGES_PER_ROUND, System.nanoTime() + MAX_LOAD.toNanos());
                load.start(CLIENTS);
                long begin = System.nanoTime();
                Thread.sleep(1000 + random.nextInt(1001));
                while (load.acked() == 0 && System.nanoTime() - begin < MAX_LOAD.toNanos()) Thread.sleep(10);
                server.kill();
                load.stopAndJoin();
                ledger.putAll(load.ledger);

                server = PostroomProcess.start(postroomClasses, data, DOMAIN, READY_TIMEOUT);
                String replayed = server.outputTail().lines().filter(l -> l.contains("from the journal")).findFirst()
                        .orElse("nothing was only in the journal");
                int acked = 0;
                int sentAndTraced = 0;
                try (TraceReader reader = TraceReader.open(data, ZoneOffset.UTC)) { // read while the restarted server runs
                    for (Map.Entry<String, State> e : ledger.entrySet()) {
                        List<MessageStory> found = reader.find("<" + e.getKey() + "@crash.test>", Instant.EPOCH, 10);
                        boolean accepted = found.stream().flatMap(s -> s.steps().stream()).map(Event::kind).anyMatch(EventKind.ACCEPTED::equals);
                        if (e.getValue() == State.ACKED) {
                            assertThat(accepted).as("message %s was answered 250: its accepted step is in the trace", e.getKey()).isTrue();
                            assertThat(found).as("message %s is one message in the trace", e.getKey()).hasSize(1);
                            acked++;
                        } else if (accepted) {
                            sentAndTraced++;
                        }
                    }
                }
                log("round " + round + ": killed after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) + " ms; all " + acked
                        + " acknowledged messages of all rounds are in the trace; " + sentAndTraced + " sent but unanswered are too (allowed); "
                        + "at the restart: " + replayed);
                assertThat(acked).as("messages acknowledged by round %d", round).isPositive();
            }
            log("stopped with SIGTERM, exit code " + server.stop(30));
        } catch (Throwable e) {
            log("FAILED; last output of the Postroom process:\n" + server.outputTail());
            throw e;
        } finally {
            server.close();
        }
    }


    private static void log(String line) {
        System.out.println("TraceCrashTest: " + line);
    }
}
