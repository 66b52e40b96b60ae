package org.postroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.WebSettings;
import org.postroom.testing.TestPostroom;

/**
 * Issue 12: the web port speaks HTTPS with Postroom's own certificate when bound beyond loopback. Tests stay on
 * loopback, so {@code [web] tls = "always"} asks for the same HTTPS there; the binding rule itself is checked on the
 * settings.
 */
class HttpsWebTest {
    @TempDir
    Path dir;

    @Test
    void httpsIsUsedBeyondLoopbackOrWhenAskedAndPlainHttpOnLoopbackOtherwise() {
        assertThat(new WebSettings(0, "127.0.0.1", WebSettings.TlsMode.AUTO, 0).https()).isFalse();
        assertThat(new WebSettings(0, "::1", WebSettings.TlsMode.AUTO, 0).https()).isFalse();
        assertThat(new WebSettings(0, "0.0.0.0", WebSettings.TlsMode.AUTO, 0).https()).isTrue();
        assertThat(new WebSettings(0, "192.168.1.10", WebSettings.TlsMode.AUTO, 0).https()).isTrue();
        assertThat(new WebSettings(0, "127.0.0.1", WebSettings.TlsMode.ALWAYS, 0).https()).isTrue();
    }

    @Test
    void servesHealthOverTlsWithPostroomsCertificateAndNothingInTheClear() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir, "[web]\nport = 0\ntls = \"always\"\n")) {
            SSLContext trusting = trusting(dir.resolve("tls/cert.pem"));
            // A raw HTTP/1.1 exchange inside TLS: the certificate is Postroom's (trusted by exactly that file).
            try (SSLSocket s = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", postroom.webPort())) {
                s.setSoTimeout(10_000);
                s.startHandshake();
                X509Certificate served = (X509Certificate) s.getSession().getPeerCertificates()[0];
                assertThat(served).isEqualTo(readCertificate(dir.resolve("tls/cert.pem")));
                OutputStream out = s.getOutputStream();
                out.write("GET /healthz HTTP/1.1\r\nHost: mx.office.test\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nok\n");
            }
            // The JDK's client, checking the chain against the same file (not the name: the test connects by address).
            HttpClient client = HttpClient.newBuilder().sslContext(trusting).connectTimeout(Duration.ofSeconds(10)).build();
            System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
            try {
                HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + postroom.webPort() + "/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("# TYPE postroom_messages_total counter");
            } finally {
                System.clearProperty("jdk.internal.httpclient.disableHostnameVerification");
            }
            // Plain HTTP to the HTTPS port gets no page.
            try (Socket plain = new Socket("127.0.0.1", postroom.webPort())) {
                plain.setSoTimeout(10_000);
                plain.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = readQuietly(plain.getInputStream());
                assertThat(answer).doesNotContain("ok\n").doesNotStartWith("HTTP/1.1 200");
            }
        }
    }

    private static String readQuietly(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) { // reset by the server: nothing served either
            return "";
        }
    }

    private static X509Certificate readCertificate(Path pem) throws Exception {
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(pem))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("postroom", readCertificate(pem));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
