package org.postroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.TestPostroom;

/** Issue 12: /healthz, /readyz and what else the web port answers, over a real socket with the JDK's HTTP client. */
class HealthEndpointsTest {
    @TempDir
    Path dir;

    @Test
    void healthzSaysOkAndOnlyExactPathsAndReadMethodsAreServed() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            WebClient web = new WebClient(postroom.webPort());
            HttpResponse<String> ok = web.get("/healthz");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("ok\n");
            assertThat(ok.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(ok.headers().firstValue("Cache-Control")).hasValue("no-store");

            HttpResponse<String> head = web.send("HEAD", "/healthz");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();

            HttpResponse<String> post = web.send("POST", "/healthz");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

            // Other paths are the console's (issue 13): these are none of its routes, and nothing is served from disk.
            for (String path : new String[] {"/healthzz", "/healthz/", "/metrics/../etc/passwd", "/data/postroom.db"}) {
                HttpResponse<String> missing = web.get(path);
                assertThat(missing.statusCode()).as(path).isEqualTo(404);
                assertThat(missing.body()).as(path).doesNotContain("SQLite").doesNotContain("Exception");
            }
        }
    }

    @Test
    void aWebPortInUseStopsTheStartNamingTheSettingAndReleasesEverythingElse() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestPostroom.start(dir, "[web]\nport = " + taken.getLocalPort() + "\n"))
                    .hasMessageContaining("cannot listen on").hasMessageContaining("for the web port ([web])");
        }
        // the database, the trace and the doors were closed: the same folder starts again at once
        java.nio.file.Files.delete(dir.resolve("postroom.toml"));
        try (TestPostroom again = TestPostroom.start(dir)) {
            assertThat(new WebClient(again.webPort()).get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readyzIsReadyWhenEveryDoorListensTheDatabaseWritesAndTheDiskHasRoom() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            HttpResponse<String> r = new WebClient(postroom.webPort()).get("/readyz");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ready\n");
        }
    }

    @Test
    void readyzIs503WhileTheDiskHasLessFreeSpaceThanTheReserve() throws Exception {
        // No disk here has a million terabytes free: the check reads the real free space and finds it short.
        try (TestPostroom postroom = TestPostroom.start(dir, "[web]\nport = 0\ndisk_reserve = \"1000000000G\"\n")) {
            HttpResponse<String> r = new WebClient(postroom.webPort()).get("/readyz");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).startsWith("not ready\n").containsPattern("(?m)^disk: \\d+ MiB free, below the reserve of \\d+ MiB")
                    .doesNotContain("database:", "doors:");
        }
    }

    @Test
    void readyzIs503WhileAnotherWriterHoldsTheDatabaseAndReadyAgainAfter() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            WebClient web = new WebClient(postroom.webPort());
            // Another process's writer (as a stuck `postroom` command would be) holds the write lock past the busy timeout.
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("postroom.db"));
                    Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                HttpResponse<String> r = web.get("/readyz");
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.body()).contains("database: not writable").doesNotContain("disk:", "doors:");
                s.execute("ROLLBACK");
            }
            assertThat(web.get("/readyz").statusCode()).isEqualTo(200);
        }
    }
}
