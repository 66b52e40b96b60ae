package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.net.TlsFiles;
import org.postroom.testing.ScriptedSmarthost;
import org.postroom.testing.TestPostroom;

/**
 * {@code postroom relay test} against {@link ScriptedSmarthost}: success through STARTTLS, a pinned certificate and
 * AUTH, and each kind of failure with its hint (connection refused, no STARTTLS, a certificate the JDK does not
 * trust, 535). The password never appears in what the command prints.
 */
class RelayTestCliTest {
    private static final String SECRET = "s3cret pass";

    @TempDir
    Path dir;
    TestPostroom postroom;
    ScriptedSmarthost smarthost;

    @AfterEach
    void stop() throws Exception {
        if (postroom != null) postroom.close();
        if (smarthost != null) smarthost.close();
    }

    private ScriptedSmarthost.Script tlsScript() {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.extensions = List.of("PIPELINING", "STARTTLS");
        script.auth = "PLAIN LOGIN";
        script.accept = "office:" + SECRET;
        return script;
    }

    /** Postroom with [relay] pointing at {@code port}; the smarthost (if any) gets Postroom's own certificate. */
    private void start(ScriptedSmarthost.Script script, String relay) throws Exception {
        if (script != null) smarthost = ScriptedSmarthost.start(script);
        int port = smarthost != null ? smarthost.port() : deadPort();
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + port + "\"]\n" + relay);
        if (script != null) script.tls = TlsFiles.serverContext(dir.resolve("tls/cert.pem"), dir.resolve("tls/key.pem"));
    }

    private static int deadPort() throws Exception {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private Cli.Result test(String... extra) {
        String[] args = new String[2 + extra.length];
        args[0] = "relay";
        args[1] = "test";
        System.arraycopy(extra, 0, args, 2, extra.length);
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--data=" + dir)).toArray(String[]::new);
        Cli.Result r = Cli.run(all);
        assertThat(r.out() + r.err()).doesNotContain(SECRET);
        return r;
    }

    private String fingerprint() throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve("tls/cert.pem"))) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        }
    }

    @Test
    void aWorkingSmarthostPassesEveryStepAndShowsItsCertificate() throws Exception {
        start(tlsScript(), "trust = \"pinned\"\nca_file = \"tls/cert.pem\"\nlogin = \"office\"\npassword = \"" + SECRET + "\"\n");
        Cli.Result r = test();
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("smarthost 127.0.0.1:" + smarthost.port() + " (tls starttls, login office): OK",
                "connect", "220 scripted.test ESMTP", "EHLO (after STARTTLS)", "STARTTLS", "AUTH", "235", "QUIT",
                "SHA-256", fingerprint(), "trusted:", "yes (trust = \"pinned\")", "expires:");
        assertThat(smarthost.commands).containsSubsequence("EHLO mx.office.test", "STARTTLS", "EHLO mx.office.test", "(credentials accepted)", "QUIT");
        assertThat(smarthost.commands).noneMatch(c -> c.startsWith("MAIL"));
    }

    @Test
    void theJsonFormatGivesEachStepAndTheCertificate() throws Exception {
        start(tlsScript(), "trust = \"pinned\"\nca_file = \"tls/cert.pem\"\nlogin = \"office\"\npassword = \"" + SECRET + "\"\n");
        Cli.Result r = test("--format=json");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        JsonNode json = r.json();
        assertThat(json.get("ok").asBoolean()).isTrue();
        JsonNode host = json.get("smarthosts").get(0);
        assertThat(host.get("steps").findValuesAsText("step")).containsExactly("connect", "EHLO", "STARTTLS", "EHLO (after STARTTLS)", "AUTH", "QUIT");
        assertThat(host.get("steps").findValuesAsText("outcome")).containsOnly("passed");
        assertThat(host.get("certificate").get("sha256").asText()).isEqualTo(fingerprint());
        assertThat(host.get("certificate").get("trusted").asBoolean()).isTrue();
        assertThat(host.get("certificate").get("jdkTrusts").asBoolean()).isFalse(); // Postroom's self-signed one
        assertThat(host.get("certificate").get("daysLeft").asLong()).isPositive();
    }

    @Test
    void connectionRefusedSaysNothingListensThere() throws Exception {
        start(null, "tls = \"none\"\n");
        Cli.Result r = test();
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(r.out()).contains("FAILED", "connect", "failed", "hint: Nothing accepts connections at 127.0.0.1:", "connection refused",
                "no smarthost works");
    }

    @Test
    void noStartTlsOfferedIsNamedAsSuch() throws Exception {
        ScriptedSmarthost.Script script = tlsScript();
        script.extensions = List.of("PIPELINING");
        start(script, "trust = \"pinned\"\nca_file = \"tls/cert.pem\"\n");
        Cli.Result r = test();
        assertThat(r.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(r.out()).contains("STARTTLS", "does not offer STARTTLS on port " + smarthost.port());
        assertThat(smarthost.commands).doesNotContain("STARTTLS");
    }

    @Test
    void aCertificateTheJdkDoesNotTrustIsShownWithTheReason() throws Exception {
        start(tlsScript(), "trust = \"system\"\nlogin = \"office\"\npassword = \"" + SECRET + "\"\n");
        Cli.Result r = test("--format=json");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
        JsonNode host = r.json().get("smarthosts").get(0);
        JsonNode cert = host.get("certificate");
        assertThat(cert.get("trusted").asBoolean()).isFalse();
        assertThat(cert.get("trust").asText()).isEqualTo("system");
        assertThat(cert.get("sha256").asText()).isEqualTo(fingerprint());
        assertThat(cert.get("problem").asText()).isNotBlank();
        assertThat(host.get("hint").asText()).contains("certificate is not trusted", "trust = \"pinned\"");
        assertThat(smarthost.commands).noneMatch(c -> c.startsWith("AUTH"));
    }

    @Test
    void aWrongPasswordIs535WithItsHint() throws Exception {
        ScriptedSmarthost.Script script = tlsScript();
        script.accept = "office:another";
        start(script, "trust = \"pinned\"\nca_file = \"tls/cert.pem\"\nlogin = \"office\"\npassword = \"" + SECRET + "\"\n");
        Cli.Result r = test();
        assertThat(r.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(r.out()).contains("AUTH", "535 5.7.8", "hint: The smarthost refused the login \"office\" (535: wrong login or password)");
    }

    @Test
    void noSmarthostConfiguredSaysSo() throws Exception {
        postroom = TestPostroom.start(dir, "");
        Cli.Result r = test();
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.out()).contains("no smarthost in [relay]");
    }
}
