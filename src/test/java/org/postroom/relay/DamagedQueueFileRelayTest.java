package org.postroom.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.queue.QueueEntry;
import org.postroom.queue.Spool;
import org.postroom.testing.MutableClock;
import org.postroom.testing.ScriptedSmarthost;
import org.postroom.testing.TestPostroom;
import org.slf4j.LoggerFactory;

/**
 * Issue 10 item 9: a queue file damaged on disk after its first attempt (cut short, or one octet changed) is checked
 * before the retry, never reaches the smarthost (not even its MAIL command), lands in {@code queue/corrupt/}, and is
 * logged as an ERROR.
 */
class DamagedQueueFileRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    TestPostroom postroom;
    ScriptedSmarthost smarthost;
    volatile boolean busy = true;
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger queueLog = (Logger) LoggerFactory.getLogger("org.postroom.queue");

    @BeforeEach
    void start() throws Exception {
        logged.start();
        queueLog.addAppender(logged);
        ScriptedSmarthost.Script script = new ScriptedSmarthost.Script();
        script.rcpt = to -> busy ? "451 4.3.0 busy, try later" : "250 2.1.5 ok";
        smarthost = ScriptedSmarthost.start(script);
        postroom = TestPostroom.start(dir, "[relay]\nsmarthosts = [\"127.0.0.1:" + smarthost.port() + "\"]\ntls = \"none\"\n", clock);
        postroom.addUser("alice");
    }

    @AfterEach
    void stop() throws Exception {
        queueLog.detachAppender(logged);
        if (postroom != null) postroom.close();
        if (smarthost != null) smarthost.close();
    }

    private Spool spool() {
        return postroom.outbound().queue().spool();
    }

    /** Queues a message whose first attempt is deferred, so its envelope now lives in ID.json. */
    private String queuedAfterOneAttempt() throws Exception {
        String reply = OutboundMail.send(postroom.smtpPort(), "alice@office.test", List.of("bob@example.com"),
                OutboundMail.message("damaged later", "some text that will not survive"));
        assertThat(reply).startsWith("250 ");
        String id = spool().ids().getFirst();
        await().atMost(WAIT).until(() -> spool().read(id).map(QueueEntry::attempts).orElse(0) == 1);
        return id;
    }

    private void retryNow() {
        busy = false;
        clock.advance(Duration.ofMinutes(5));
        postroom.outbound().runner().wake();
    }

    private void assertSetAsideAndNeverSent(String id) throws Exception {
        Path corrupt = spool().dir().resolve("corrupt");
        await().atMost(WAIT).until(() -> Files.exists(corrupt.resolve(id + ".msg")));
        assertThat(spool().ids()).isEmpty();
        assertThat(corrupt.resolve(id + ".json")).exists();
        Thread.sleep(300); // a send would have started by now
        assertThat(smarthost.commands.stream().filter(c -> c.startsWith("MAIL FROM")).count()).isEqualTo(1); // the first, deferred attempt only
        assertThat(smarthost.messages).isEmpty();
        assertThat(postroom.delivered("alice")).isEmpty(); // no bounce: as Postfix, the administrator decides
        assertThat(logged.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains(id, "damaged", "corrupt");
        });
    }

    @Test
    void aQueueFileCutShortIsNeverSent() throws Exception {
        String id = queuedAfterOneAttempt();
        try (RandomAccessFile file = new RandomAccessFile(spool().messageFile(id).toFile(), "rw")) {
            file.setLength(file.length() - 100); // the footer and the end of the envelope gone
        }
        retryNow();
        assertSetAsideAndNeverSent(id);
    }

    @Test
    void aQueueFileCutWithinTheMessageIsNeverSent() throws Exception {
        String id = queuedAfterOneAttempt();
        QueueEntry entry = spool().read(id).orElseThrow();
        try (RandomAccessFile file = new RandomAccessFile(spool().messageFile(id).toFile(), "rw")) {
            file.setLength(entry.size() - 10);
        }
        retryNow();
        assertSetAsideAndNeverSent(id);
    }

    @Test
    void aQueueFileWithAFlippedBitIsNeverSent() throws Exception {
        String id = queuedAfterOneAttempt();
        QueueEntry entry = spool().read(id).orElseThrow();
        try (RandomAccessFile file = new RandomAccessFile(spool().messageFile(id).toFile(), "rw")) {
            long at = entry.size() - 8; // in the body
            file.seek(at);
            int b = file.read();
            file.seek(at);
            file.write(b ^ 0x01);
        }
        retryNow();
        assertSetAsideAndNeverSent(id);
    }

    @Test
    void anUndamagedFileIsSentOnRetry() throws Exception {
        String id = queuedAfterOneAttempt();
        retryNow();
        await().atMost(WAIT).until(() -> smarthost.messages.size() == 1);
        await().atMost(WAIT).until(() -> spool().ids().isEmpty());
        assertThat(spool().dir().resolve("corrupt").resolve(id + ".msg")).doesNotExist();
    }
}
