package org.postroom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.testing.Drip;
import org.postroom.testing.TestPostroom;

/**
 * Issue 10 item 11 on the implicit-TLS doors: a client that drips its TLS handshake one octet at a time (each
 * network read returns at once, so a read timeout never fires) is closed soon after the idle timeout (2 s here) by
 * the deadline's watchdog, on SMTP's 465 and POP3's 995 alike.
 */
class TlsDripTest {
    private static final String SMALL_LIMITS = "[smtp]\nport = 0\nsubmission_port = 0\nsubmissions_port = 0\nidle_timeout = \"2s\"\n"
            + "[pop3]\nport = 0\ntls_port = 0\nidle_timeout = \"2s\"\n";

    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        postroom.close();
    }

    /** A real ClientHello, as a TLS client would send it first. */
    private static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 465);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    private static void assertClosedSoonAfterTheIdleTimeout(int port) throws Exception {
        byte[] hello = clientHello();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            long started = System.nanoTime();
            try (Drip drip = Drip.start(b -> {
                socket.getOutputStream().write(b);
                socket.getOutputStream().flush();
            }, new String(hello, java.nio.charset.StandardCharsets.ISO_8859_1), Duration.ofMillis(300))) {
                int got;
                try {
                    got = in.read();
                } catch (IOException e) {
                    got = -1; // reset by the server: closed
                }
                assertThat(got).isEqualTo(-1);
                assertThat(drip.sent()).isLessThan(hello.length); // closed before the ClientHello was whole
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5)); // 2 s, the grace, a quarter
        }
    }

    @Test
    void aDrippedHandshakeOnSubmissionsIsClosed() throws Exception {
        postroom = TestPostroom.start(dir, SMALL_LIMITS);
        assertClosedSoonAfterTheIdleTimeout(postroom.port(SmtpDoor.SUBMISSIONS));
    }

    @Test
    void aDrippedHandshakeOnPop3sIsClosed() throws Exception {
        postroom = TestPostroom.start(dir, SMALL_LIMITS);
        assertClosedSoonAfterTheIdleTimeout(postroom.port(Pop3Door.POP3S));
    }
}
