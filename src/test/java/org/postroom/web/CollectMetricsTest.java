package org.postroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.collect.CollectControl;
import org.postroom.testing.TestPostroom;

/**
 * Issue 12: collected mail in /metrics. GreenMail plays the provider; a forced cycle collects one message for alice,
 * a copy of it (a duplicate) and one for nobody here (unresolved): the cycle, its messages and the trace's
 * per-door counts all move.
 */
class CollectMetricsTest {
    @TempDir
    Path dir;

    @Test
    void aCycleAndWhatItFiledAreCounted() throws Exception {
        GreenMail provider = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        provider.start();
        try {
            provider.setUser("office@provider.test", "office", "secret");
            Path data = dir.resolve("data");
            try (TestPostroom postroom = TestPostroom.start(data, "[[collect.account]]\nname = \"office\"\nhost = \"127.0.0.1\"\nport = "
                    + provider.getPop3().getPort() + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"secret\""
                    + "\nmode = \"multi-drop\"\ninterval = \"1h\"\n")) {
                postroom.addUser("alice");
                WebClient web = new WebClient(postroom.webPort());
                // the cycle every account runs at start, on the empty mailbox, is over before mail arrives there
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                        WebClient.value(web.metrics(), "postroom_collect_cycles_total{account=\"office\"}").orElse(0) >= 1);
                String forAlice = "Delivered-To: alice@office.test\r\nFrom: x@outside.test\r\nTo: alice@office.test\r\nSubject: one\r\n"
                        + "Message-ID: <one@outside.test>\r\n\r\nhello\r\n";
                deliver(provider, forAlice);
                deliver(provider, forAlice);
                deliver(provider, "Delivered-To: ghost@office.test\r\nFrom: z@outside.test\r\nTo: ghost@office.test\r\nSubject: two\r\n"
                        + "Message-ID: <two@outside.test>\r\n\r\nfor nobody\r\n");

                CollectControl.Reply reply = CollectControl.throughServer(data, Optional.of("office"), Duration.ofSeconds(30));
                assertThat(reply.ok()).as(reply.message()).isTrue();

                String m = web.metrics();
                assertThat(WebClient.value(m, "postroom_collect_cycles_total{account=\"office\"}")).hasValue(2);
                assertThat(WebClient.value(m, "postroom_collect_cycle_errors_total{account=\"office\"}")).hasValue(0);
                assertThat(WebClient.value(m, "postroom_collect_messages_total{account=\"office\",outcome=\"delivered\"}")).hasValue(1);
                assertThat(WebClient.value(m, "postroom_collect_messages_total{account=\"office\",outcome=\"duplicate\"}")).hasValue(1);
                assertThat(WebClient.value(m, "postroom_collect_messages_total{account=\"office\",outcome=\"unresolved\"}")).hasValue(1);
                assertThat(WebClient.value(m, "postroom_messages_total{door=\"collect\",outcome=\"collected\"}")).hasValue(1);
                assertThat(WebClient.value(m, "postroom_messages_total{door=\"collect\",outcome=\"duplicate\"}")).hasValue(1);
                assertThat(WebClient.value(m, "postroom_messages_total{door=\"collect\",outcome=\"unresolved\"}")).hasValue(1);
            }
        } finally {
            provider.stop();
        }
    }

    private static void deliver(GreenMail provider, String text) throws Exception {
        provider.getUserManager().getUser("office").deliver(new MimeMessage(jakarta.mail.Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }
}
