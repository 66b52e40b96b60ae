package org.postroom.smtp.client;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds each write of one {@link SmtpClient} (RFC 5321 4.5.3.2.5, the data-block timeout): the socket's output is
 * wrapped so that the start of a write is visible, and a virtual thread drops the connection when a write has made
 * no progress for that long. A read is bounded by the socket timeout; a write has no such timeout in Java.
 *
 * <p>SECURITY: sees no content, only when a write started.
 */
final class WriteWatchdog {
    /** The client's logger: these lines belong to the connection's story. */
    private static final Logger log = LoggerFactory.getLogger(SmtpClient.class);

    private final SmtpClient client;
    private final Duration dataBlock;
    private volatile long writingSince;
    private volatile boolean timedOut;
    private volatile boolean stopped;
    private Thread thread;

    WriteWatchdog(SmtpClient client, Duration dataBlock) {
        this.client = client;
        this.dataBlock = dataBlock;
    }

    /** The socket's output, with each write's start time visible to the watchdog. */
    OutputStream watch(OutputStream out) {
        return new Watched(out);
    }

    void start() {
        thread = Thread.ofVirtual().name("smtp-client-watchdog").start(this::run);
    }

    /** Whether the connection was dropped because a write made no progress. */
    boolean timedOut() {
        return timedOut;
    }

    /** The connection is closing: the watchdog's thread ends. */
    void stop() {
        stopped = true;
        if (thread != null) thread.interrupt();
    }

    /** Closes a connection whose write has not progressed for the data-block timeout (RFC 5321 4.5.3.2.5). */
    private void run() {
        long limit = dataBlock.toNanos();
        long step = Math.max(10, Math.min(1000, dataBlock.toMillis() / 4));
        while (!stopped) {
            try {
                Thread.sleep(step);
            } catch (InterruptedException e) {
                return;
            }
            long since = writingSince;
            if (since != 0 && System.nanoTime() - since > limit) {
                timedOut = true;
                log.debug("{} a write made no progress for {}; closing", client, dataBlock);
                client.dropConnection();
                return;
            }
        }
    }

    private final class Watched extends FilterOutputStream {
        Watched(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            writingSince = System.nanoTime();
            try {
                out.write(bytes, offset, length);
            } finally {
                writingSince = 0;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}
