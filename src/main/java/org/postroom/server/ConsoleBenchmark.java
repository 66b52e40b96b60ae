package org.postroom.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.postroom.config.ConfigLoader;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Database;
import org.postroom.directory.Directory;
import org.postroom.directory.PasswordHasher;
import org.postroom.message.MailAddress;
import org.postroom.queue.OutboundQueue;
import org.postroom.queue.QueueEntry;
import org.postroom.queue.Spool;

/**
 * Issue 13's page bar: every console page and API read under 100 ms of server time with 1,000 users and 10,000 queued
 * messages. Makes a data folder with {@code --users} users (a cheap Argon2 cost, so that making them takes seconds, not
 * the CLI's 0.65 CPU-s each) and {@code --queued} messages written through the queue's own file format
 * ({@link OutboundQueue#stage}), to a smarthost nobody listens on (so they stay queued); starts the server in this JVM
 * on ports from {@code --port}; signs in as an admin; then GETs each path {@code --requests} times one after the
 * other, and prints the median and 90th percentile of the server's time ({@code Server-Timing: app;dur=}) and the
 * client's. A path that answers 404 (a page not built yet) is skipped with a note. Run by {@code bench/console.sh}.
 */
public final class ConsoleBenchmark {
    private static final String PASSWORD = "bench console secret";
    private static final String DOMAIN = "bench.test";

    private ConsoleBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of("/tmp/postroom-bench-console");
        int port = 5525;
        int users = 1000;
        int queued = 10_000;
        int requests = 50;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--users" -> users = Integer.parseInt(args[i + 1]);
                case "--queued" -> queued = Integer.parseInt(args[i + 1]);
                case "--requests" -> requests = Math.max(1, Math.min(10_000, Integer.parseInt(args[i + 1])));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path data = root.resolve("data");
        deleteTree(data);
        Files.createDirectories(data);
        Files.writeString(data.resolve(ConfigLoader.FILE_NAME), toml(port), StandardCharsets.UTF_8);
        PostroomConfig config = ConfigLoader.load(data);
        DataFolder folder = new DataFolder(data);
        folder.initialize(DOMAIN, config.addresses());
        long t0 = System.nanoTime();
        List<String> ids = fill(folder, config, users, queued);
        System.out.printf(Locale.ROOT, "console bench: %d users and %d queued messages made in %.1f s%n", users + 1, queued, (System.nanoTime() - t0) / 1e9);
        try (PostroomServer server = PostroomServer.start(config, Clock.systemUTC())) {
            settle(new Spool(folder.queue()), queued);
            measure(port + 55, ids.get(ids.size() / 2), requests);
        }
    }

    private static String toml(int port) {
        return "[server]\nhostname = \"mx." + DOMAIN + "\"\nbind = \"127.0.0.1\"\n"
                + "[smtp]\nport = " + port + "\nsubmission_port = " + (port + 62) + "\nsubmissions_port = " + (port - 60) + "\n"
                + "[pop3]\nport = " + (port + 10) + "\ntls_port = " + (port + 11) + "\n"
                + "[imap]\nport = " + (port + 20) + "\ntls_port = " + (port + 21) + "\n"
                + "[web]\nport = " + (port + 55) + "\n"
                + "[relay]\nsmarthosts = [\"127.0.0.1:" + (port + 74) + "\"]\ntls = \"none\"\n"; // nobody listens there
    }

    /** The users (and an admin, boss@), then the queue: real queue files, each synced as intake syncs it. */
    private static List<String> fill(DataFolder folder, PostroomConfig config, int users, int queued) throws IOException {
        Database db = Database.open(folder.database());
        try {
            Directory directory = new Directory(db, config.addresses(), new PasswordHasher(new PasswordHasher.Params(64, 1, 1)));
            for (int i = 1; i <= users; i++) {
                directory.addUser(MailAddress.parse("user" + i + "@" + DOMAIN), "User " + i, PASSWORD.toCharArray(), false, 0);
            }
            MailAddress boss = MailAddress.parse("boss@" + DOMAIN);
            directory.addUser(boss, "Boss", PASSWORD.toCharArray(), false, 0);
            directory.setAdmin(boss, true);
        } finally {
            db.close();
        }
        Spool spool = new Spool(folder.queue());
        spool.create();
        OutboundQueue queue = new OutboundQueue(spool, Clock.systemUTC());
        byte[] body = ("Subject: queued\r\n\r\n" + "x".repeat(76) + "\r\n").repeat(25).getBytes(StandardCharsets.US_ASCII);
        List<String> ids = new ArrayList<>(queued);
        for (int i = 0; i < queued; i++) {
            String id = String.format(Locale.ROOT, "B%09d", i);
            queue.stage(id, Optional.of(MailAddress.parse("user" + (i % Math.max(1, users) + 1) + "@" + DOMAIN)),
                    List.of(new OutboundQueue.Target(MailAddress.parse("someone" + i + "@remote.test"), Optional.empty())),
                    QueueEntry.Kind.MESSAGE, out -> out.write(body)).commit();
            ids.add(id);
        }
        return ids;
    }

    /** Waits (at most 3 minutes) until the runner has tried every message once: the queue is then what an office sees. */
    private static void settle(Spool spool, int queued) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && spool.listing().withEnvelope().size() < queued) Thread.sleep(500);
        System.out.printf(Locale.ROOT, "console bench: %d of %d messages tried and deferred%n", spool.listing().withEnvelope().size(), queued);
    }

    private static void measure(int webPort, String someId, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + webPort;
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .header("Content-Type", "application/json").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"boss@" + DOMAIN + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) throw new IllegalStateException("cannot sign in: " + login.statusCode() + " " + login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String user = "user500@" + DOMAIN;
        List<String> paths = List.of("/", "/users", "/users/" + user, "/aliases", "/groups", "/domains", "/queue", "/queue/" + someId,
                "/collector", "/trace?q=user1@" + DOMAIN, "/settings", "/account",
                "/api/v1/dashboard", "/api/v1/users", "/api/v1/users/" + user, "/api/v1/aliases", "/api/v1/groups", "/api/v1/domains",
                "/api/v1/tokens", "/api/v1/me", "/api/v1/queue", "/api/v1/queue?offset=9900&limit=100", "/api/v1/queue?q=someone9999",
                "/api/v1/queue/" + someId, "/api/v1/collector/accounts", "/api/v1/trace?q=user1@" + DOMAIN, "/api/v1/stats?days=30",
                "/api/v1/settings", "/api/v1/openapi.json");
        System.out.printf(Locale.ROOT, "%-42s %6s %10s %10s %10s %10s %8s  %s%n", "GET", "status", "srv med", "srv p90", "cli med", "cli p90",
                "bytes", "bar (server median < 100 ms)");
        for (String path : paths) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).GET().build();
            HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (first.statusCode() == 404) {
                System.out.printf(Locale.ROOT, "%-42s %6d  skipped: not built on this branch yet%n", path, 404);
                continue;
            }
            for (int i = 0; i < 3; i++) http.send(request, HttpResponse.BodyHandlers.ofString()); // warm-up
            List<Double> server = new ArrayList<>();
            List<Double> client = new ArrayList<>();
            int status = 0;
            int bytes = 0;
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                client.add((System.nanoTime() - start) / 1e6);
                status = r.statusCode();
                bytes = r.body().length();
                r.headers().firstValue("Server-Timing").map(ConsoleBenchmark::duration).ifPresent(server::add);
            }
            double med = percentile(server, 50);
            System.out.printf(Locale.ROOT, "%-42s %6d %10.1f %10.1f %10.1f %10.1f %8d  %s%n", path, status, med, percentile(server, 90),
                    percentile(client, 50), percentile(client, 90), bytes, server.isEmpty() ? "no Server-Timing" : med < 100 ? "ok" : "OVER");
        }
    }

    private static double duration(String header) {
        int at = header.indexOf("dur=");
        return at < 0 ? Double.NaN : Double.parseDouble(header.substring(at + 4).split("[,;]")[0]);
    }

    private static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) return Double.NaN;
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        if (!dir.toAbsolutePath().toString().startsWith("/tmp/")) throw new IllegalArgumentException("--root must be under /tmp: " + dir);
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
