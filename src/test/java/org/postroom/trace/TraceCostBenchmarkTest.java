package org.postroom.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.TraceSettings;

/**
 * What the trace costs per collected message, in CPU, split between the collector's thread (the journal, the queue)
 * and the writer thread (the database): the steps a collected message records (accepted and delivered durably,
 * collected queued), shaped as `bench collect` makes them. CPU time per thread is not skewed by other work on a
 * shared machine the way a throughput is. Runs only when asked:
 * {@code mvn test -Dtest=TraceCostBenchmarkTest -Dpostroom.bench.tracecost=6000} (paced at 300 messages a second, or
 * {@code -Dpostroom.bench.tracecost.rate=N}; 0 is as fast as the loop goes).
 */
class TraceCostBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void cpuPerCollectedMessage() throws Exception {
        int n = Integer.getInteger("postroom.bench.tracecost", 0);
        Assumptions.assumeTrue(n > 0, "benchmark not asked for (-Dpostroom.bench.tracecost=20000)");
        int rate = Integer.getInteger("postroom.bench.tracecost.rate", 300);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Trace trace = Trace.open(dir, new TraceSettings(true, Duration.ofDays(30), false), Clock.systemUTC())) {
            Thread writer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("trace-writer")).findFirst()
                    .orElseThrow();
            for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
                long door0 = threads.getCurrentThreadCpuTime();
                long writer0 = threads.getThreadCpuTime(writer.threadId());
                Map<String, Long> io0 = io();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    collectedMessage(trace, round * n + i);
                    // paced as a collector files (a few hundred a second): the writer's batches are then as small as in a real cycle
                    if (rate > 0) java.util.concurrent.locks.LockSupport.parkNanos(t0 + (i + 1) * 1_000_000_000L / rate - System.nanoTime());
                }
                long door = threads.getCurrentThreadCpuTime() - door0;
                long doorWall = System.nanoTime() - t0;
                trace.flush();
                long wall = System.nanoTime() - t0;
                long written = threads.getThreadCpuTime(writer.threadId()) - writer0;
                Map<String, Long> io1 = io();
                System.out.printf("TraceCostBenchmarkTest round %d: %d collected messages: collector thread %.1f us/msg, writer %.1f us/msg, "
                        + "wall %.1f us/msg (the collector's loop %.1f)%n", round, n, door / 1e3 / n, written / 1e3 / n, wall / 1e3 / n,
                        doorWall / 1e3 / n);
                System.out.printf("TraceCostBenchmarkTest round %d: written through write(2) %.0f bytes/msg, to the disk %.0f bytes/msg%n", round,
                        (io1.get("wchar") - io0.get("wchar")) / (double) n, (io1.get("write_bytes") - io0.get("write_bytes")) / (double) n);
            }
            assertThat(Traces.find(dir, "user7@example.test")).isNotEmpty();
        }
    }

    /** This process's I/O counters (proc(5), /proc/PID/io). */
    private static Map<String, Long> io() throws java.io.IOException {
        Map<String, Long> counters = new java.util.HashMap<>();
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/io"))) {
            String[] kv = line.split(":\\s*");
            counters.put(kv[0], Long.parseLong(kv[1].strip()));
        }
        return counters;
    }

    /** The steps of one message as the collector records them (bench/collect.sh's shape: one recipient found by Delivered-To). */
    private static void collectedMessage(Trace trace, int i) {
        String id = "C" + Integer.toString(i, 32).toUpperCase() + "X4Q2";
        String user = "user" + (i % 100) + "@example.test";
        String sender = "sender" + (i % 37) + "@outside.test";
        String messageId = "20261207-on-" + i + "@outside.test";
        List<Event> accepted = new ArrayList<>(2);
        accepted.add(new Event(trace.now(), EventKind.ACCEPTED, "collect", id, messageId, "127.0.0.1", sender, List.of(user),
                Map.of("size", "5120", "helo", "127.0.0.1", "proto", "POP3")));
        accepted.add(Event.of(trace.now(), EventKind.DELIVERED, "collect", id, List.of(user), Map.of()));
        trace.recordDurably(accepted);
        trace.record(new Event(trace.now(), EventKind.COLLECTED, "collect", id, messageId, "bench", sender, List.of(user),
                Map.of("account", "bench", "uidl", "1733580000.M" + i + "P1234.provider.test,S=5120,W=5190", "rule",
                        "envelope header Delivered-To", "delivered", user + " -> " + user)));
    }
}
