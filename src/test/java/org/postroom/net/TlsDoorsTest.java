package org.postroom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.testing.RawPop3;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;
import org.slf4j.LoggerFactory;

/**
 * The implicit-TLS doors (SMTP 465, POP3 995) never write plaintext, also to a client over a connection limit
 * (issue 10, item 12); a handshake that fails on any door is logged with the door, the client and the reason.
 */
class TlsDoorsTest {
    @TempDir
    Path dir;
    TestPostroom postroom;
    private final Logger handshakeLogger = (Logger) LoggerFactory.getLogger("org.postroom.net.HandshakeLog");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        handshakeLogger.addAppender(logged);
    }

    @AfterEach
    void stop() {
        handshakeLogger.detachAppender(logged);
        if (postroom != null) postroom.close();
    }

    @Test
    void aClientOverTheLimitOnSmtpsIsClosedWithoutAPlaintextReply() throws Exception {
        postroom = TestPostroom.start(dir, "[smtp]\nport = 0\nsubmission_port = 0\nsubmissions_port = 0\nmax_connections_per_client = 1\n");
        int port = postroom.port(SmtpDoor.SUBMISSIONS);
        try (RawSmtp first = RawSmtp.connectTls(port)) {
            assertThat(first.reply()).startsWith("220 ");
            assertThat(bytesBeforeClose(port)).as("what the refused client read").isEmpty();
        }
    }

    @Test
    void aClientOverTheLimitOnPop3sIsClosedWithoutAPlaintextReply() throws Exception {
        postroom = TestPostroom.start(dir, "[pop3]\nport = 0\ntls_port = 0\nmax_connections_per_client = 1\n");
        int port = postroom.port(Pop3Door.POP3S);
        try (RawPop3 first = RawPop3.connectTls(port)) {
            assertThat(first.line()).startsWith("+OK ");
            assertThat(bytesBeforeClose(port)).as("what the refused client read").isEmpty();
        }
    }

    @Test
    void plaintextSentToSmtpsIsALoggedHandshakeFailure() throws Exception {
        postroom = TestPostroom.start(dir);
        try (Socket socket = new Socket("127.0.0.1", postroom.port(SmtpDoor.SUBMISSIONS))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("EHLO client.example\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes(); // until the server gives up on the handshake and closes
        }
        assertThat(awaitLines()).anySatisfy(line -> assertThat(line).startsWith("smtp-submissions: TLS handshake with [127.0.0.1] failed: "));
    }

    @Test
    void aClientThatRejectsTheCertificateAfterStlsIsLogged() throws Exception {
        postroom = TestPostroom.start(dir);
        // The JDK's own trust store does not know Postroom's self-signed certificate: the client aborts.
        try (Socket plain = new Socket("127.0.0.1", postroom.pop3Port())) {
            plain.setSoTimeout(10_000);
            InputStream in = plain.getInputStream();
            readLine(in);
            plain.getOutputStream().write("STLS\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(in)).startsWith("+OK");
            SSLContext jdkDefaults = SSLContext.getDefault();
            SSLSocket tls = (SSLSocket) jdkDefaults.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
            assertThatThrownBy(tls::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
        assertThat(awaitLines()).singleElement().asString().startsWith("pop3: TLS handshake with [127.0.0.1] failed: ");
    }

    private static byte[] bytesBeforeClose(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            return socket.getInputStream().readAllBytes();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) line.append((char) b);
        return line.toString();
    }

    /** The handshake lines logged so far, waiting up to 5 s for the first (the server logs on its own thread). */
    private List<String> awaitLines() throws InterruptedException {
        for (int i = 0; i < 50 && logged.list.isEmpty(); i++) Thread.sleep(100);
        return List.copyOf(logged.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
