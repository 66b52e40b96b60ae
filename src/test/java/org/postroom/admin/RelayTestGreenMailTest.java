package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.TestPostroom;
import org.postroom.testing.TrustAnyTls;

/** {@code postroom relay test} with GreenMail as the provider: implicit TLS on its SMTPS port, pinned, AUTH PLAIN. */
class RelayTestGreenMailTest {
    @TempDir
    Path dir;
    TestPostroom postroom;
    GreenMail provider;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
        if (provider != null) provider.stop();
    }

    private Cli.Result testWith(String password) throws Exception {
        provider = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
        provider.withConfiguration(GreenMailConfiguration.aConfig().withUser("office@provider.test", "office", "provider secret"));
        provider.start();
        int port = provider.getSmtps().getPort();
        Path pem = dir.resolve("provider.pem");
        Files.writeString(pem, pemOf(port), StandardCharsets.US_ASCII);
        postroom = TestPostroom.start(dir.resolve("data"), "[relay]\nsmarthosts = [\"127.0.0.1:" + port + "\"]\ntls = \"implicit\"\n"
                + "trust = \"pinned\"\nca_file = \"" + pem + "\"\nlogin = \"office\"\npassword = \"" + password + "\"\n");
        Cli.Result r = Cli.run("relay", "test", "--format=json", "--data=" + dir.resolve("data"));
        assertThat(r.out() + r.err()).doesNotContain(password);
        return r;
    }

    @Test
    void greenMailOverImplicitTlsPasses() throws Exception {
        Cli.Result r = testWith("provider secret");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        JsonNode host = r.json().get("smarthosts").get(0);
        assertThat(host.get("steps").findValuesAsText("step")).containsExactly("connect", "EHLO", "AUTH", "QUIT");
        assertThat(host.get("steps").findValuesAsText("outcome")).containsOnly("passed");
        assertThat(host.get("certificate").get("trusted").asBoolean()).isTrue();
        assertThat(host.get("steps").get(2).get("reply").asText()).startsWith("235");
    }

    @Test
    void greenMailRefusesAWrongPasswordWith535() throws Exception {
        Cli.Result r = testWith("wrong password");
        assertThat(r.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        JsonNode host = r.json().get("smarthosts").get(0);
        assertThat(host.get("ok").asBoolean()).isFalse();
        JsonNode last = host.get("steps").get(host.get("steps").size() - 1);
        assertThat(last.get("step").asText()).isEqualTo("AUTH");
        assertThat(last.get("reply").asText()).startsWith("535");
        assertThat(host.get("hint").asText()).contains("wrong login or password");
    }

    /** The provider's certificate, fetched the way an administrator would (openssl s_client). */
    private static String pemOf(int port) throws Exception {
        try (SSLSocket socket = TrustAnyTls.handshake(TrustAnyTls.connect(port))) {
            X509Certificate cert = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        }
    }
}
