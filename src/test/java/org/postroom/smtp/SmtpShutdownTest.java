package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * Stopping the server (RFC 5321 3.8): idle sessions are told 421 4.3.2 and closed; a message already in DATA
 * finishes, and a message that was answered 250 is in the Maildir.
 */
class SmtpShutdownTest {
    @TempDir
    Path dir;
    TestPostroom postroom;
    int port;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(dir);
        postroom.addUser("alice");
        port = postroom.smtpPort();
    }

    @AfterEach
    void stop() {
        postroom.close(); // a second close is harmless
    }

    /** Closes the server on another thread: close() waits for the sessions still running. */
    private CompletableFuture<Void> closeInBackground() {
        return CompletableFuture.runAsync(postroom::close, Thread.ofVirtual()::start);
    }

    /** Waits until the listener no longer accepts: close() has begun. */
    private void awaitNotAccepting() throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(20);
            } catch (ConnectException e) {
                return;
            }
        }
        throw new AssertionError("the server still accepts connections");
    }

    private RawSmtp inData() throws Exception {
        RawSmtp smtp = RawSmtp.connect(port);
        assertThat(smtp.reply()).startsWith("220 ");
        assertThat(smtp.command("EHLO client.example")).startsWith("250-");
        assertThat(smtp.command("MAIL FROM:<bob@example.com>")).startsWith("250 2.1.0 ");
        assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250 2.1.5 ");
        assertThat(smtp.command("DATA")).startsWith("354 ");
        smtp.send("Subject: in flight\r\n\r\nfirst half\r\n");
        return smtp;
    }

    @Test
    void anIdleSessionIsToldTheServiceIsShuttingDown() throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(port)) {
            assertThat(smtp.reply()).startsWith("220 ");
            assertThat(smtp.command("EHLO client.example")).startsWith("250-");
            // Sit idle for a moment: the server flushes the EHLO reply just before it starts waiting, and a close in
            // that gap is not noticed (see the disabled test below).
            Thread.sleep(200);

            CompletableFuture<Void> closing = closeInBackground();

            assertThat(smtp.reply()).startsWith("421 4.3.2 ");
            assertThat(smtp.isClosedByServer()).isTrue();
            closing.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMessageInDataWhenTheServerStopsIsFinishedAndStored() throws Exception {
        try (RawSmtp smtp = inData()) {
            CompletableFuture<Void> closing = closeInBackground();
            awaitNotAccepting();

            // The rest of the message comes from another thread, as a real client's would while we wait.
            String reply = CompletableFuture.supplyAsync(() -> {
                try {
                    smtp.send("second half\r\n.\r\n");
                    return smtp.reply();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, Thread.ofVirtual()::start).get(5, TimeUnit.SECONDS);

            assertThat(reply).as("a message in DATA is finished").startsWith("250 2.0.0 ");
            assertThat(postroom.delivered("alice")).hasSize(1);
            assertThat(postroom.readDelivered(postroom.delivered("alice").getFirst()))
                    .endsWith("Subject: in flight\r\n\r\nfirst half\r\nsecond half\r\n");
            // Whatever comes next is refused: the server is going away.
            String next = smtp.command("NOOP");
            assertThat(next).matches("421 4\\.3\\.2 .*");
            closing.get(5, TimeUnit.SECONDS);
        }
    }

    /** After the message in flight, the session is idle like any other and must not hold the shutdown up. */
    @Test
    void aSessionThatFinishesItsMessageDuringShutdownIsThenToldAndClosed() throws Exception {
        try (RawSmtp smtp = inData()) {
            CompletableFuture<Void> closing = closeInBackground();
            awaitNotAccepting();

            assertThat(smtp.command("second half\r\n.")).startsWith("250 2.0.0 ");
            assertThat(smtp.silenceFor(2000)).as("told within 2 s, without having to speak first").startsWith("421 4.3.2 ");
            assertThat(smtp.isClosedByServer()).isTrue();
            closing.get(2, TimeUnit.SECONDS);
        }
        assertThat(postroom.delivered("alice")).hasSize(1);
    }

    /** Once close() has returned, the port is free: nothing answers there, and a new server could bind it. */
    @Test
    void nothingAnswersOnThePortOnceCloseHasReturned() throws Exception {
        postroom.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        // One close shows the race only now and then: repeat with fresh servers so the test fails reliably.
        for (int i = 0; i < 15; i++) {
            TestPostroom another = TestPostroom.start(dir.resolve("again-" + i));
            int anotherPort = another.smtpPort();
            another.close();
            assertThatThrownBy(() -> new Socket("127.0.0.1", anotherPort).close()).as("round %d", i)
                    .isInstanceOf(ConnectException.class);
        }
    }
}
