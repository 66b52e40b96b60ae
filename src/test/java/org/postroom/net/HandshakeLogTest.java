package org.postroom.net;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Failed handshakes are logged with door, client and reason, at most 20 lines a minute, the rest counted. */
class HandshakeLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(HandshakeLog.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Test
    void aFloodIsCutToTwentyLinesAMinuteAndTheRestIsCounted() throws IOException {
        AtomicLong now = new AtomicLong();
        HandshakeLog log = new HandshakeLog(now::get);
        InetAddress client = InetAddress.ofLiteral("192.0.2.7");
        int written = 0;
        for (int i = 0; i < 25; i++) if (log.failed("smtp-submissions", client, new SSLHandshakeException("no cipher suites in common"))) written++;
        assertThat(written).isEqualTo(HandshakeLog.LINES_PER_MINUTE);
        assertThat(logged.list).hasSize(20);
        assertThat(logged.list.getFirst().getFormattedMessage())
                .isEqualTo("smtp-submissions: TLS handshake with [192.0.2.7] failed: no cipher suites in common");

        now.addAndGet(61_000_000_000L);
        assertThat(log.failed("pop3s", client, new IOException())).isTrue();
        assertThat(logged.list.get(20).getFormattedMessage()).isEqualTo("TLS handshake failures: 5 more in the last minute not logged");
        assertThat(logged.list.get(21).getFormattedMessage()).isEqualTo("pop3s: TLS handshake with [192.0.2.7] failed: IOException");
    }
}
