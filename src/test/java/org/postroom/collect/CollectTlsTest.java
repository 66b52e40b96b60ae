package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.CollectAccount;
import org.postroom.config.ConfigLoader;

/** Implicit TLS to GreenMail's POP3S with its self-signed certificate: refused by default, collected when pinned. */
class CollectTlsTest {
    @TempDir
    Path dir;
    Office office;

    @AfterEach
    void tearDown() {
        if (office != null) office.close();
    }

    private CollectAccount account(String trust) {
        String toml = "[[collect.account]]\nname = \"tls\"\nhost = \"127.0.0.1\"\nport = " + office.providerPort()
                + "\ntls = \"implicit\"\nlogin = \"office\"\npassword = \"secret\"\nmode = \"single-drop\"\ndeliver_to = \"carol@office.test\"\n" + trust;
        return ConfigLoader.parse(dir, dir.resolve("postroom.toml"), toml).collect().getFirst();
    }

    @Test
    void selfSignedIsRefusedUnlessPinned() throws Exception {
        office = new Office(dir).provider(ServerSetupTest.POP3S, "office");
        office.put("office", "From: x@outside.test\r\nMessage-ID: <t@x>\r\n\r\nover TLS\r\n");

        CycleReport refused = office.collect(account(""));
        assertThat(refused.error()).get().asString().contains("TLS");
        assertThat(office.atProvider("office")).isEqualTo(1);

        Files.writeString(dir.resolve("provider.pem"), pemOf(office.providerPort()), StandardCharsets.US_ASCII);
        CycleReport pinned = office.collect(account("trust = \"pinned\"\nca_file = \"provider.pem\"\n"));
        assertThat(pinned.error()).isEmpty();
        assertThat(office.mailbox("carol")).hasSize(1).first().asString().contains("over TLS");
    }

    /** The provider's certificate, fetched the way an administrator would (openssl s_client). */
    private static String pemOf(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            X509Certificate cert = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        }
    }
}
