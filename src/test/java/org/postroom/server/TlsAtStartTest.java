package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.ConfigException;
import org.postroom.net.TlsFiles;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.testing.CapturedLog;
import org.postroom.testing.TestPostroom;

/**
 * Issue 10 items 1 and 2: {@code [tls]} files at start. A mistyped path refuses the start and never costs the
 * administrator a key; a pair that does not belong together refuses it too; the defaults still make a self-signed
 * certificate that names every way a client reaches this machine; the start says what to trust.
 */
class TlsAtStartTest {
    @TempDir
    Path dir;

    /** A certificate and key of the administrator's, made elsewhere (as a CA-signed pair would be). */
    private Path[] adminPair(String folder) throws Exception {
        Path cert = dir.resolve(folder).resolve("cert.pem");
        Path key = dir.resolve(folder).resolve("key.pem");
        TlsFiles.createSelfSignedIfMissing(cert, key, "mail.example.org");
        return new Path[] {cert, key};
    }

    private static String tls(String certificate, String key) {
        return "[tls]\ncertificate = \"" + certificate + "\"\nkey = \"" + key + "\"\n";
    }

    @Test
    void aMistypedCertificateRefusesTheStartNamingSettingAndPathAndLeavesTheKeyAlone() throws Exception {
        Path[] pair = adminPair("admin");
        byte[] keyBefore = Files.readAllBytes(pair[1]);
        Path typo = dir.resolve("data/admin/crt.pem");
        assertThatThrownBy(() -> TestPostroom.start(dir.resolve("data"), tls("admin/crt.pem", pair[1].toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("postroom.toml")
                .hasMessageContaining("[tls] certificate")
                .hasMessageContaining(typo.toString())
                .hasMessageContaining("does not exist");
        assertThat(Files.readAllBytes(pair[1])).isEqualTo(keyBefore);
        assertThat(typo).doesNotExist();
    }

    @Test
    void aMissingKeyRefusesTheStartAndNoPairIsMade() throws Exception {
        Path[] pair = adminPair("admin");
        byte[] certBefore = Files.readAllBytes(pair[0]);
        assertThatThrownBy(() -> TestPostroom.start(dir.resolve("data"), tls(pair[0].toString(), "tls/key.pem")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[tls] key")
                .hasMessageContaining(dir.resolve("data/tls/key.pem").toString());
        assertThat(Files.readAllBytes(pair[0])).isEqualTo(certBefore);
        assertThat(dir.resolve("data/tls")).doesNotExist();
    }

    @Test
    void aCertificateAndAKeyThatDoNotBelongTogetherRefuseTheStart() throws Exception {
        Path[] first = adminPair("first");
        Path[] second = adminPair("second");
        assertThatThrownBy(() -> TestPostroom.start(dir.resolve("data"), tls(first[0].toString(), second[1].toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[tls] certificate and [tls] key")
                .hasMessageContaining("does not belong")
                .hasMessageContaining(first[0].toString())
                .hasMessageContaining(second[1].toString());
    }

    @Test
    void anUnreadableKeyRefusesTheStart() throws Exception {
        Path[] pair = adminPair("admin");
        Files.writeString(pair[1], "not a key\n");
        assertThatThrownBy(() -> TestPostroom.start(dir.resolve("data"), tls(pair[0].toString(), pair[1].toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[tls] key")
                .hasMessageContaining(pair[1] + " holds no PEM private key");
    }

    @Test
    void theDefaultsMakeASelfSignedPairOnFirstStartAndKeepItAfterwards() throws Exception {
        Path data = dir.resolve("data");
        try (TestPostroom first = TestPostroom.start(data)) {
            assertThat(first.dataDir().resolve("tls/cert.pem")).exists();
        }
        byte[] cert = Files.readAllBytes(data.resolve("tls/cert.pem"));
        byte[] key = Files.readAllBytes(data.resolve("tls/key.pem"));
        try (TestPostroom second = TestPostroom.start(data)) {
            assertThat(second.port(SmtpDoor.SUBMISSIONS)).isPositive();
            assertThat(Files.readAllBytes(data.resolve("tls/cert.pem"))).isEqualTo(cert);
            assertThat(Files.readAllBytes(data.resolve("tls/key.pem"))).isEqualTo(key);
        }
        // The default certificate without its key: never replaced by a new pair.
        Files.delete(data.resolve("tls/key.pem"));
        assertThatThrownBy(() -> TestPostroom.start(data))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[tls] key")
                .hasMessageContaining(data.resolve("tls/key.pem") + " does not exist");
        assertThat(Files.readAllBytes(data.resolve("tls/cert.pem"))).isEqualTo(cert);
    }

    @Test
    void theStartLogsTheCertificatesNamesExpiryAndFingerprint() throws Exception {
        Path data = dir.resolve("data");
        try (CapturedLog log = CapturedLog.start(); TestPostroom postroom = TestPostroom.start(data)) {
            X509Certificate cert = readWithTheJdk(postroom.dataDir().resolve("tls/cert.pem"));
            String fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            String expiry = cert.getNotAfter().toInstant().toString().substring(0, 10);
            assertThat(log.lines()).anyMatch(line -> line.startsWith("INFO TLS certificate " + data.resolve("tls/cert.pem"))
                    && line.contains("names mx.office.test, localhost, 127.0.0.1")
                    && line.contains("expires " + expiry)
                    && line.contains("SHA-256 fingerprint " + fingerprint)
                    && line.contains("self-signed"));
        }
    }

    @Test
    void theSelfSignedCertificateNamesTheHostLocalhostLoopbackAndTheMachinesAddresses() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir.resolve("data"))) {
            X509Certificate cert = readWithTheJdk(postroom.dataDir().resolve("tls/cert.pem"));
            List<String> dns = new ArrayList<>();
            List<InetAddress> ips = new ArrayList<>();
            for (List<?> name : cert.getSubjectAlternativeNames()) {
                if ((Integer) name.get(0) == 2) dns.add((String) name.get(1));
                if ((Integer) name.get(0) == 7) ips.add(InetAddress.getByName((String) name.get(1)));
            }
            assertThat(dns).contains("mx.office.test", "localhost");
            assertThat(ips).contains(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) continue;
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a.isLinkLocalAddress() || a.isLoopbackAddress()) continue;
                    InetAddress plain = a instanceof Inet6Address ? InetAddress.getByAddress(a.getAddress()) : a;
                    assertThat(ips).as("the machine's address %s", a).contains(plain);
                }
            }
            // A client that connects by IP address and checks the name as HTTPS does (RFC 6125) believes it once trusted.
            assertThat(greetingOverTls(postroom.port(SmtpDoor.SUBMISSIONS), cert, "127.0.0.1")).startsWith("220 ");
            assertThat(greetingOverTls(postroom.port(SmtpDoor.SUBMISSIONS), cert, "localhost")).startsWith("220 ");
            // And so does an independent client given cert.pem as its CA file (OpenSSL, through Python's ssl module).
            Assumptions.assumeTrue(pythonAvailable(), "python3 is missing: the OpenSSL client is not tried");
            assertThat(pythonGreeting(postroom.port(SmtpDoor.SUBMISSIONS), postroom.dataDir().resolve("tls/cert.pem"), "127.0.0.1"))
                    .startsWith("220 ");
        }
    }

    private static boolean pythonAvailable() {
        try {
            return new ProcessBuilder("python3", "-c", "import ssl").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Python's ssl: the CA file, the host name checked as HTTPS does; prints the greeting or the error. */
    private static String pythonGreeting(int port, Path caFile, String host) throws Exception {
        String script = "import socket, ssl, sys\n"
                + "c = ssl.create_default_context(cafile=sys.argv[1])\n"
                + "s = c.wrap_socket(socket.create_connection((sys.argv[2], int(sys.argv[3])), timeout=10), server_hostname=sys.argv[2])\n"
                + "print(s.recv(512).decode().strip())\n";
        Process p = new ProcessBuilder("python3", "-c", script, caFile.toString(), host, String.valueOf(port)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return output;
    }

    private static X509Certificate readWithTheJdk(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String greetingOverTls(int port, X509Certificate trusted, String host) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("postroom", trusted);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
