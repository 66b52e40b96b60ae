package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.ConfigLoader;
import org.postroom.net.TlsFiles;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.ScriptedSmarthost;
import org.postroom.testing.TestPostroom;

/**
 * Issue 10 item 14: {@code postroom reload} applies an edited {@code postroom.toml} to the running server (a new
 * collect account is collected from GreenMail, a new relay password lets deferred mail go at once, a new TLS pair is
 * served), reports settings that need a restart, refuses a broken file and keeps running, and until then
 * {@code collect status} and {@code reload --check} say the file changed on disk.
 */
class ReloadCliTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    GreenMail provider;
    TestPostroom postroom;
    ScriptedSmarthost smarthost;
    String dataArg;

    @AfterEach
    void tearDown() throws Exception {
        if (postroom != null) postroom.close();
        if (provider != null) provider.stop();
        if (smarthost != null) smarthost.close();
    }

    private Path toml() {
        return dir.resolve(ConfigLoader.FILE_NAME);
    }

    private void edit(String from, String to) throws Exception {
        String text = Files.readString(toml());
        assertThat(text).contains(from);
        Files.writeString(toml(), text.replace(from, to));
    }

    private void append(String text) throws Exception {
        Files.writeString(toml(), Files.readString(toml()) + "\n" + text);
    }

    private static Cli.Result ok(Cli.Result result) {
        assertThat(result.code()).as(result.toString()).isZero();
        return result;
    }

    private String account(String name, String login) {
        return "[[collect.account]]\nname = \"" + name + "\"\nhost = \"127.0.0.1\"\nport = " + provider.getPop3().getPort()
                + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"" + login + "\"\npassword = \"secret\"\nmode = \"single-drop\"\n"
                + "deliver_to = \"alice@office.test\"\ninterval = \"1h\"\n";
    }

    private void put(String login, String raw) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        provider.getUserManager().getUser(login).deliver(m);
    }

    @Test
    void aNewCollectAccountIsCollectedAfterReload() throws Exception {
        provider = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        provider.start();
        provider.setUser("office@provider.test", "office", "secret");
        provider.setUser("branch@provider.test", "branch", "secret");
        provider.getPop3().getPort();
        postroom = TestPostroom.start(dir, account("office", "office"));
        postroom.addUser("alice");
        dataArg = "--data=" + dir;
        assertThat(ok(Cli.run("reload", dataArg, "--check")).out()).contains("the running server uses postroom.toml as it is on disk");

        append(account("branch", "branch"));
        put("branch", "From: x@outside.test\nMessage-ID: <branch1@x>\nSubject: from the branch\n\nhello\n");

        Cli.Result unknown = Cli.run("collect", "now", dataArg, "branch");
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(ExitCodes.NO_SUCH);
        assertThat(unknown.err()).contains("no collect account \"branch\"", "changed on disk", "postroom reload");
        assertThat(Cli.run("collect", "status", dataArg).out()).contains("postroom.toml changed on disk", "branch");
        assertThat(ok(Cli.run("reload", dataArg, "--check")).out()).contains("changed on disk");

        String reloaded = ok(Cli.run("reload", dataArg)).out();
        assertThat(reloaded).contains("reloaded: [[collect.account]]: accounts added [branch], changed [], removed []")
                .doesNotContain("needs a restart");
        assertThat(Cli.run("collect", "status", dataArg).out()).doesNotContain("changed on disk");

        // A new account's schedule starts at once, as at start; `collect now` knows it too.
        await().atMost(WAIT).until(() -> postroom.delivered("alice").size() == 1);
        Cli.Result collected = Cli.run("collect", "now", dataArg, "branch");
        assertThat(collected.code()).as(collected.toString()).isZero();
        assertThat(collected.out()).contains("branch: 0 message(s)");
        assertThat(postroom.readDelivered(postroom.delivered("alice").getFirst())).contains("Subject: from the branch");

        // Removed again: the running server forgets it.
        Files.writeString(toml(), Files.readString(toml()).replace(account("branch", "branch"), ""));
        assertThat(ok(Cli.run("reload", dataArg)).out()).contains("removed [branch]");
        assertThat(Cli.run("collect", "now", dataArg, "branch").code()).isEqualTo(ExitCodes.NO_SUCH);
    }

    @Test
    void aBrokenFileChangesNothingAndSaysWhereAndAPortChangeNeedsARestart() throws Exception {
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:1\"]\ntls = \"none\"\n");
        dataArg = "--data=" + dir;
        edit("tls = \"none\"", "tls = \"none\"\nmax_connections = \"many\"");

        Cli.Result broken = Cli.run("reload", dataArg);
        assertThat(broken.code()).as(broken.toString()).isEqualTo(ExitCodes.CONFIG);
        assertThat(broken.err()).containsPattern("postroom.toml:\\d+: relay.max_connections: ").contains("the running configuration stays");
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) { // still serving
            assertThat(smtp.reply()).startsWith("220 ");
        }

        edit("max_connections = \"many\"", "max_connections = 4");
        edit("[pop3]\nport = 0", "[pop3]\nport = 11110");
        edit("submissions_port = 0", "submissions_port = 0\nmax_recipients = 1"); // a policy: new sessions take it
        postroom.addUser("alice");
        String reloaded = ok(Cli.run("reload", dataArg)).out();
        assertThat(reloaded).contains("reloaded: [smtp]", "needs a restart: [pop3] port 0 -> 11110");
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<someone@example.com>");
            assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<postmaster@office.test>")).startsWith("452"); // RFC 5321 4.5.3.1.10
        }
        assertThat(ok(Cli.run("reload", dataArg, "--check")).out()).contains("as it is on disk");
    }

    @Test
    void reloadedAddressRulesApplyToTheNextSession() throws Exception {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        dataArg = "--data=" + dir;
        assertThat(rcpt("alice-news@office.test")).startsWith("550");

        append("[addresses]\nrecipient_delimiter = \"-\"\n");
        assertThat(ok(Cli.run("reload", dataArg)).out()).contains("[addresses]");
        assertThat(rcpt("alice-news@office.test")).startsWith("250");
    }

    private String rcpt(String address) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<someone@example.com>");
            return smtp.command("RCPT TO:<" + address + ">");
        }
    }

    @Test
    void aFixedRelayPasswordSendsMailDeferredForTheLoginAtOnce() throws Exception {
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.extensions = List.of("PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES", "STARTTLS");
        script.auth = "PLAIN";
        script.accept = "office:right password";
        smarthost = ScriptedSmarthost.start(script);
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\n"
                + "trust = \"pinned\"\nca_file = \"tls/cert.pem\"\nlogin = \"office\"\npassword = \"wrong password\"\n");
        postroom.addUser("alice");
        script.tls = TlsFiles.serverContext(dir.resolve("tls/cert.pem"), dir.resolve("tls/key.pem"));
        dataArg = "--data=" + dir;
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.office.test");
            smtp.command("MAIL FROM:<alice@office.test>");
            smtp.command("RCPT TO:<bob@example.com>");
            smtp.command("DATA");
            assertThat(smtp.command("Subject: waiting for the password\r\n\r\nhi\r\n.")).startsWith("250 ");
        }
        var spool = postroom.outbound().queue().spool();
        await().atMost(WAIT).until(() -> !spool.ids().isEmpty()
                && spool.read(spool.ids().getFirst()).map(e -> e.lastProblem().map(d -> d.configProblem()).orElse(false)).orElse(false));

        edit("password = \"wrong password\"", "password = \"right password\"");
        assertThat(ok(Cli.run("reload", dataArg)).out()).contains("reloaded: [relay]");
        // No clock moved, no retry asked: the reload itself sends it (the next automatic attempt is minutes away).
        await().atMost(WAIT).until(() -> smarthost.messages.size() == 1 && spool.ids().isEmpty());
    }

    @Test
    void aNewCertificateIsServedAfterReload() throws Exception {
        postroom = TestPostroom.start(dir);
        dataArg = "--data=" + dir;
        String before = fingerprintServedOn(postroom.port(Pop3Door.POP3S));
        assertThat(before).isEqualTo(fingerprintOf(dir.resolve("tls/cert.pem")));

        TlsFiles.createSelfSignedIfMissing(dir.resolve("tls/renewed-cert.pem"), dir.resolve("tls/renewed-key.pem"), "renewed.office.test");
        append("[tls]\ncertificate = \"tls/renewed-cert.pem\"\nkey = \"tls/renewed-key.pem\"\n");
        assertThat(ok(Cli.run("reload", dataArg)).out()).contains("[tls] certificate and key");

        String after = fingerprintServedOn(postroom.port(Pop3Door.POP3S));
        assertThat(after).isNotEqualTo(before).isEqualTo(fingerprintOf(dir.resolve("tls/renewed-cert.pem")));
    }

    private static String fingerprintServedOn(int port) throws Exception {
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
        }}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return sha256(((X509Certificate) socket.getSession().getPeerCertificates()[0]).getEncoded());
        }
    }

    private static String fingerprintOf(Path pem) throws Exception {
        var factory = java.security.cert.CertificateFactory.getInstance("X.509");
        try (var in = Files.newInputStream(pem)) {
            return sha256(factory.generateCertificate(in).getEncoded());
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
