package org.postroom.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.TestPostroom;

/**
 * The console answers only for its own names (DNS rebinding: 421 Misdirected Request, RFC 9110 15.5.20), and a
 * malformed %-escape in a query is the client's 400, not a 500. Raw sockets, so the Host header is exactly ours.
 */
class HostAndQueryTest {
    @TempDir
    Path data;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(data);
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    private String get(String target, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", postroom.webPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            String hostLine = host == null ? "" : "Host: " + host + "\r\n";
            out.write(("GET " + target + " HTTP/1.1\r\n" + hostLine + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aForeignHostIsMisdirectedAndOurOwnNamesAreAnswered() throws IOException {
        int port = postroom.webPort();
        assertThat(get("/api/v1/session", "evil.example:" + port)).startsWith("HTTP/1.1 421").contains("misdirected");
        assertThat(get("/login", "evil.example:" + port)).startsWith("HTTP/1.1 421");
        assertThat(get("/api/v1/session", "127.0.0.1:" + (port + 1))).startsWith("HTTP/1.1 421");
        assertThat(get("/api/v1/session", "127.0.0.1")).startsWith("HTTP/1.1 421");
        for (String ours : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port}) {
            assertThat(get("/api/v1/session", ours)).as(ours).doesNotStartWith("HTTP/1.1 421");
        }
    }

    @Test
    void aMalformedEscapeInTheQueryIsA400() throws IOException {
        // The JDK's server refuses such a URI itself (URISyntaxException, 400) before the dispatcher; the dispatcher
        // parses the query inside its error handling too (a 400 "invalid"), should a URI ever get through.
        String reply = get("/api/v1/session?x=%E0%A4%A", "127.0.0.1:" + postroom.webPort());
        assertThat(reply).startsWith("HTTP/1.1 400");
    }
}
