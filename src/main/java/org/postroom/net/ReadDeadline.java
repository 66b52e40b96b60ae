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
 * <p>Under TLS the wrapped stream is the TLS one: one of its reads, and the handshake, may wait for many network
 * reads (a TLS record is up to 16 KiB), each of which the socket's read timeout bounds on its own, so a peer that
 * drips inside a record or a handshake message would never time out. {@link #guardTls} therefore starts a
 * watchdog (one virtual thread per TLS connection, awake four times per limit) that closes the connection when a
 * read, or a handshake run through {@link #during}, is still going {@link #GRACE} after its deadline (so at most
 * a quarter of the limit later); no reply can be sent then. {@link #close} ends it with the connection.
 */
public final class ReadDeadline implements AutoCloseable {
    /** How long after its deadline a TLS read may still go on before the watchdog closes the connection. */
    static final long GRACE = 1_000_000_000L;

    private final Socket socket;
    private final long limitNanos;
    private final double nanosPerOctet;
    private volatile long deadline; // volatile: the watchdog reads it
    private boolean bulk;
    private volatile boolean reading;
    private volatile boolean closed;
    private Thread watchdog;

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

    /** The next line must be complete within {@code limit} from now, another limit than the usual (IMAP's IDLE). */
    public void startLine(java.time.Duration limit) {
        deadline = System.nanoTime() + limit.toNanos();
        bulk = false;
    }

    /** Bulk data from now: the limit, extended by every octet received at the minimum rate. */
    public void startBulk() {
        deadline = System.nanoTime() + limitNanos;
        bulk = true;
    }

    /** The work in {@code call} (a TLS handshake) runs under the current deadline, watched like a read. */
    public <T> T during(IoCall<T> call) throws IOException {
        reading = true;
        try {
            return call.run();
        } finally {
            reading = false;
        }
    }

    /** Something that reads the connection outside the wrapped stream. */
    public interface IoCall<T> {
        T run() throws IOException;
    }

    /** The connection is (or is about to be) TLS: watch reads that span several network reads. Idempotent. */
    public void guardTls() {
        if (watchdog == null && !closed) watchdog = Thread.ofVirtual().name("read-deadline").start(this::watch);
    }

    /** The connection is over: the watchdog, if any, ends. */
    @Override
    public void close() {
        closed = true;
        wakeWatchdog();
    }

    private void watch() {
        while (!closed && !socket.isClosed()) { // a connection closed elsewhere ends the watch too
            long wait = Math.max(1_000_000, limitNanos / 4);
            if (reading) {
                long over = System.nanoTime() - (deadline + GRACE);
                if (over >= 0) {
                    try {
                        socket.close(); // the blocked read ends with an exception; the session ends
                    } catch (IOException e) {
                        // closed anyway
                    }
                    return;
                }
                wait = Math.min(wait, -over);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(this, wait);
        }
    }

    private void wakeWatchdog() {
        Thread w = watchdog;
        if (w != null) java.util.concurrent.locks.LockSupport.unpark(w);
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
        reading = true; // no wake-up per read: the watchdog looks at least four times per limit
    }

    /**
     * Back to the whole limit for reads outside this stream (a TLS handshake after STARTTLS reads the socket
     * directly), so they never inherit the few milliseconds a deadline had left.
     */
    private void restoreTimeout() {
        reading = false;
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
