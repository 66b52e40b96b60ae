package org.postroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.TestPostroom;

/**
 * The web port's limits (HttpLimits): a client that sends half a request and then nothing is cut off once the
 * whole request has taken 30 s, rather than holding its connection for ever.
 */
class SlowWebClientTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void halfARequestIsCutOffAfterThirtySeconds() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir); Socket s = new Socket("127.0.0.1", postroom.webPort())) {
            s.setSoTimeout(60_000);
            long start = System.nanoTime();
            s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: mx.office.test\r\n".getBytes(StandardCharsets.US_ASCII)); // no blank line
            InputStream in = s.getInputStream();
            byte[] answer = in.readAllBytes(); // until the server closes
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("ok\n");
            assertThat(seconds).isBetween(29L, 45L);
        }
    }
}
