package org.postroom.testing;

import java.io.IOException;
import java.time.Duration;

/**
 * A slow client's writing: sends the given bytes one octet at a time, {@code every} apart, on a virtual thread,
 * until all are sent, the server closes the connection, or the drip is closed. The test thread meanwhile reads.
 */
public final class Drip implements AutoCloseable {
    /** Where the octets go: {@code RawSmtp::send}, {@code RawPop3::send}. */
    public interface Sender {
        void send(byte[] octets) throws IOException;
    }

    private final Thread thread;
    private volatile int sent;

    private Drip(Sender sender, byte[] bytes, Duration every) {
        thread = Thread.ofVirtual().start(() -> {
            try {
                for (byte b : bytes) {
                    sender.send(new byte[] {b});
                    sent++;
                    Thread.sleep(every);
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection, or the test is over
            }
        });
    }

    public static Drip start(Sender sender, String text, Duration every) {
        return new Drip(sender, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), every);
    }

    /** Octets sent so far. */
    public int sent() {
        return sent;
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(5_000);
    }
}
