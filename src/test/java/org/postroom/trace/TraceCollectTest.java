package org.postroom.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.collect.CollectControl;
import org.postroom.testing.TestPostroom;

/**
 * The trace of collected mail: GreenMail plays the provider's POP3 mailbox, a running Postroom collects it. Each
 * message's steps say which rule found its recipients and whom each address reached; a copy seen twice is a
 * duplicate; a message for nobody here is unresolved, with why.
 */
class TraceCollectTest {
    @TempDir
    Path dir;
    GreenMail provider;
    TestPostroom postroom;

    @AfterEach
    void tearDown() {
        if (postroom != null) postroom.close();
        if (provider != null) provider.stop();
    }

    private void deliverAtProvider(String text) throws Exception {
        provider.getUserManager().getUser("office").deliver(new MimeMessage(jakarta.mail.Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void collectedDuplicateAndUnresolvedMailAreTracedWithTheRuleAndTheAccount() throws Exception {
        provider = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        provider.start();
        provider.setUser("office@provider.test", "office", "secret");
        Path data = dir.resolve("data");
        postroom = TestPostroom.start(data, "[[collect.account]]\nname = \"office\"\nhost = \"127.0.0.1\"\nport = " + provider.getPop3().getPort()
                + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"secret\"\nmode = \"multi-drop\"\ninterval = \"1h\"\n");
        postroom.addUser("alice");
        postroom.addUser("bob");
        String first = "Delivered-To: alice@office.test\r\nReturn-Path: <x@outside.test>\r\nFrom: x@outside.test\r\nTo: alice@office.test\r\n"
                + "Subject: one\r\nMessage-ID: <one@outside.test>\r\n\r\nhello alice\r\n";
        deliverAtProvider(first);
        deliverAtProvider(first); // the same message twice at the provider: the second is a duplicate
        deliverAtProvider("From: y@outside.test\r\nTo: bob@office.test, ghost@office.test\r\nSubject: two\r\nMessage-ID: <two@outside.test>\r\n\r\nhi\r\n");
        deliverAtProvider("Delivered-To: ghost@office.test\r\nFrom: z@outside.test\r\nTo: ghost@office.test\r\nSubject: three\r\n"
                + "Message-ID: <three@outside.test>\r\n\r\nfor nobody\r\n");

        CollectControl.Reply reply = CollectControl.throughServer(data, Optional.of("office"), Duration.ofSeconds(30));
        assertThat(reply.ok()).as(reply.message()).isTrue();

        List<MessageStory> one = Traces.find(postroom, "<one@outside.test>");
        assertThat(one).hasSize(2);
        MessageStory delivered = one.stream().filter(s -> Traces.kinds(s).contains(EventKind.COLLECTED)).findFirst().orElseThrow();
        assertThat(Traces.kinds(delivered)).containsExactly(EventKind.ACCEPTED, EventKind.DELIVERED, EventKind.COLLECTED);
        assertThat(delivered.steps().getFirst().door()).isEqualTo("collect");
        Event collected = delivered.steps().get(2);
        assertThat(collected.detail("account")).isEqualTo("office");
        assertThat(collected.detail("uidl")).isNotEmpty();
        assertThat(collected.detail("rule")).isEqualTo("envelope header Delivered-To");
        assertThat(collected.detail("delivered")).isEqualTo("alice@office.test -> alice@office.test");
        assertThat(delivered.verdict()).isEqualTo("delivered to alice");
        MessageStory duplicate = one.stream().filter(s -> s != delivered).findFirst().orElseThrow();
        assertThat(Traces.kinds(duplicate)).containsExactly(EventKind.DUPLICATE);
        assertThat(duplicate.verdict()).startsWith("duplicate: dropped");

        // No envelope header: the To/Cc rule; ghost is refused, bob gets it.
        MessageStory two = Traces.find(postroom, "two@outside.test").getFirst();
        Event sorted = two.steps().getLast();
        assertThat(sorted.kind()).isEqualTo(EventKind.COLLECTED);
        assertThat(sorted.detail("rule")).isEqualTo("To/Cc (no envelope information)");
        assertThat(sorted.detail("refused")).startsWith("ghost@office.test: ");
        assertThat(two.verdict()).isEqualTo("delivered to bob");

        // Nobody here: unresolved, sent to the postmaster, with why.
        List<MessageStory> three = Traces.find(postroom, "ghost@office.test");
        MessageStory unresolved = three.stream().filter(s -> Traces.kinds(s).contains(EventKind.UNRESOLVED)).findFirst().orElseThrow();
        assertThat(unresolved.messageId()).isEqualTo("three@outside.test");
        assertThat(unresolved.verdict()).contains("unresolved: unknown local recipient(s) [ghost@office.test]", "sent to postmaster@office.test");
    }
}
