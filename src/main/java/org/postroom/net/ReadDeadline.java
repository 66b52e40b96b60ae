package org.postroom.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A deadline for a whole request rather than for each read, so a peer that sends one byte every few seconds
 * cannot hold a connection for ever (a timeout per read never fires for it). The rule is Postfix's
 * ({@code smtpd_per_request_deadline} with {@code smtpd_min_data_rate}, Postfix 3.7):
 *
 * <ul>
 *   <li>a line (a command, a status reply) must be complete within {@code limit} of the moment it is awaited;
 *   <li>bulk data (DATA, a BDAT chunk, a POP3 listing or message) starts with the same {@code limit}, and every
 *       octet received buys {@code 1 / minRate} seconds more, never beyond {@code limit} from now. Data that keeps
 *       to the minimum rate never times out whatever its size; a peer that stalls, or drips, runs out within
 *       {@code limit}.
 * </ul>
 *
 * Enforced by setting the socket's read timeout to what is left before each read of the wrapped stream; a read
 * that finds nothing left throws {@link Expired}, a {@link SocketTimeoutException}, so code that already handles
 * a read timeout handles this the same way. Used by one thread at a time (the connection's).
 *
 * <p>Limit: under TLS the wrapped stream is the TLS one, and one of its reads may wait for several network reads
 * to complete a TLS record (up to 16 KiB); each of those is bounded by what was left when the read began, so a
 * peer dripping inside one record is caught per record, not per octet.
 */
public final class ReadDeadline {
    private final Socket socket;
    private final long limitNanos;
    private final double nanosPerOctet;
    private long deadline;
    private boolean bulk;

    /**
     * @param socket the connection (its read timeout is adjusted before each read)
     * @param limit how long a line may take, and the most a bulk transfer may be ahead of its deadline
     * @param minOctetsPerSecond the rate bulk data must keep to
     */
    public ReadDeadline(Socket socket, java.time.Duration limit, long minOctetsPerSecond) {
        if (minOctetsPerSecond < 1) throw new IllegalArgumentException("the minimum rate must be at least 1 octet a second");
        this.socket = socket;
        this.limitNanos = limit.toNanos();
        this.nanosPerOctet = 1e9 / minOctetsPerSecond;
        startLine();
    }

    /** The next line must be complete within the limit from now. */
    public void startLine() {
        deadline = System.nanoTime() + limitNanos;
        bulk = false;
    }

    /** Bulk data from now: the limit, extended by every octet received at the minimum rate. */
    public void startBulk() {
        deadline = System.nanoTime() + limitNanos;
        bulk = true;
    }

    /** {@code in} with this deadline applied to each of its reads. */
    public InputStream wrap(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                beforeRead();
                int b;
                try {
                    b = super.read();
                } finally {
                    restoreTimeout();
                }
                afterRead(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                beforeRead();
                int n;
                try {
                    n = super.read(into, offset, length);
                } finally {
                    restoreTimeout();
                }
                afterRead(n);
                return n;
            }
        };
    }

    private void beforeRead() throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new Expired();
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)));
    }

    /**
     * Back to the whole limit for reads outside this stream (a TLS handshake after STARTTLS reads the socket
     * directly), so they never inherit the few milliseconds a deadline had left.
     */
    private void restoreTimeout() {
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, limitNanos / 1_000_000));
        } catch (IOException e) {
            // the socket is closed: the next read says so
        }
    }

    private void afterRead(int octets) {
        if (!bulk || octets <= 0) return;
        long now = System.nanoTime();
        deadline = Math.min(now + limitNanos, deadline + (long) (octets * nanosPerOctet));
    }

    /** The deadline passed: the request was not complete in time. */
    public static final class Expired extends SocketTimeoutException {
        Expired() {
            super("deadline passed");
        }
    }
}
