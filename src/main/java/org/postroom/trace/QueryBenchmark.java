package org.postroom.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.postroom.config.TraceSettings;

/**
 * {@code ./postroom bench trace-query}: fills a fresh trace with N events (default one million: 30 days of an office's
 * mail, five steps per message, 200 users, 50 clients) through the server's writer, then times
 * {@code postroom trace}'s query by each kind of key, 50 times each, with the default {@code --since 2d} and with
 * the whole 30 days. Prints the median and the slowest per kind; the bar is 100 ms (issue 12). Each query is a cold
 * one the first time (a fresh `postroom trace` process reads the file from the page cache, not from its own memory).
 */
public final class QueryBenchmark {
    private static final int USERS = 200;
    private static final int CLIENTS = 50;
    private static final int QUERIES = 50;

    private QueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = 1_000_000;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: QueryBenchmark [--events N] [--dir DIR]");
            }
        }
        if (dir == null) dir = Files.createTempDirectory("postroom-trace-bench");
        if (Files.exists(Trace.fileIn(dir))) throw new IllegalArgumentException(Trace.fileIn(dir) + " exists: give a fresh --dir");
        Instant end = Instant.now();
        Instant start = end.minus(Duration.ofDays(30));
        int messages = events / 5;
        long span = Duration.between(start, end).toMillis();
        Random random = new Random(42);
        long t0 = System.nanoTime();
        try (Trace trace = Trace.open(dir, new TraceSettings(true, Duration.ofDays(3650), false), Clock.systemUTC())) {
            for (int m = 0; m < messages; m++) {
                Instant at = start.plusMillis(span * m / messages);
                String id = "Q" + Integer.toString(m, 32).toUpperCase();
                String from = "user" + random.nextInt(USERS) + "@office.test";
                List<String> to = List.of("user" + random.nextInt(USERS) + "@office.test", "ext" + random.nextInt(5000) + "@example.com");
                trace.record(new Event(at, EventKind.ACCEPTED, "submission", id, "m" + m + "@office.test", "10.0.0." + random.nextInt(CLIENTS),
                        from, to, Map.of("size", "5120", "proto", "ESMTPSA", "login", from)));
                trace.record(Event.of(at, EventKind.DELIVERED, "submission", id, to.subList(0, 1), Map.of()));
                trace.record(Event.of(at, EventKind.QUEUED, "submission", id, to.subList(1, 2), Map.of()));
                trace.record(Event.of(at.plusSeconds(1), EventKind.DEFERRED, "queue", id, to.subList(1, 2),
                        Map.of("reply", "451 4.3.0 try later", "smarthost", "smtp.provider.example:587")));
                trace.record(Event.of(at.plusSeconds(300), EventKind.RELAYED, "queue", id, to.subList(1, 2),
                        Map.of("reply", "250 2.0.0 ok", "smarthost", "smtp.provider.example:587")));
            }
            trace.flush();
        }
        System.out.printf("bench: %d events (%d messages) written in %.1f s into %s (%d MB)%n", messages * 5, messages,
                (System.nanoTime() - t0) / 1e9, dir, Files.size(Trace.fileIn(dir)) >> 20);

        try (TraceReader reader = TraceReader.open(dir, ZoneOffset.UTC)) {
            for (Duration since : List.of(Duration.ofDays(2), Duration.ofDays(30))) {
                Instant from = end.minus(since);
                time(reader, "address", from, since, i -> "user" + (i % USERS) + "@office.test");
                time(reader, "Message-ID", from, since, i -> "<m" + (messages - 1 - i * 97) + "@office.test>");
                time(reader, "queue id", from, since, i -> "Q" + Integer.toString(messages - 1 - i * 97, 32).toUpperCase());
                time(reader, "client", from, since, i -> "10.0.0." + (i % CLIENTS));
            }
        }
    }

    private static void time(TraceReader reader, String kind, Instant from, Duration since, java.util.function.IntFunction<String> query)
            throws Exception {
        long[] micros = new long[QUERIES];
        int found = 0;
        for (int i = 0; i < QUERIES; i++) {
            long t = System.nanoTime();
            found += reader.find(query.apply(i), from, 20).size();
            micros[i] = (System.nanoTime() - t) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("bench: trace by %-10s --since %2dd: median %6.1f ms, slowest %6.1f ms (%d queries, %d messages shown)%n", kind,
                since.toDays(), micros[QUERIES / 2] / 1000.0, micros[QUERIES - 1] / 1000.0, QUERIES, found);
    }
}
