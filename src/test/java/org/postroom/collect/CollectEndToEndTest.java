package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.testing.TestPostroom;

/** End to end: mail at the provider (GreenMail), collected by a running Postroom, read by alice with Python's poplib. */
class CollectEndToEndTest {
    @TempDir
    Path dir;
    GreenMail provider;
    TestPostroom postroom;

    @AfterEach
    void tearDown() {
        if (postroom != null) postroom.close();
        if (provider != null) provider.stop();
    }

    @Test
    void collectedMailIsReadOverPop3ByARealClient() throws Exception {
        Assumptions.assumeTrue(python(), "python3 is missing: the end-to-end read with poplib is not tested (apt-get install python3)");
        provider = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        provider.start();
        provider.setUser("office@provider.test", "office", "secret");
        Path data = dir.resolve("data");
        postroom = TestPostroom.start(data, "[[collect.account]]\nname = \"office\"\nhost = \"127.0.0.1\"\nport = " + provider.getPop3().getPort()
                + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"secret\"\nmode = \"multi-drop\"\ninterval = \"1h\"\n");
        postroom.addUser("alice");
        provider.getUserManager().getUser("office").deliver(new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(
                        "Delivered-To: alice@office.test\r\nFrom: x@outside.test\r\nTo: alice@office.test\r\nSubject: from the provider\r\nMessage-ID: <e2e@x>\r\n\r\nhello alice\r\n"
                                .getBytes(StandardCharsets.UTF_8))));

        CollectControl.Reply reply = CollectControl.throughServer(data, Optional.of("office"), Duration.ofSeconds(30));
        assertThat(reply.ok()).as(reply.message()).isTrue();
        assertThat(reply.reports().getFirst().delivered()).isEqualTo(1);

        String script = "import poplib,sys\nm=poplib.POP3('127.0.0.1',int(sys.argv[1]))\nm.user('alice@office.test')\nm.pass_(sys.argv[2])\n"
                + "print(len(m.list()[1]))\nprint(b'\\n'.join(m.retr(1)[1]).decode())\nm.quit()\n";
        Process p = new ProcessBuilder("python3", "-c", script, String.valueOf(postroom.port(Pop3Door.POP3)), TestPostroom.PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("1\n").contains("Subject: from the provider", "hello alice", "with POP3");
    }

    private static boolean python() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import poplib").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }
}
