package org.postroom.net;

import java.net.InetAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per failed TLS handshake (door, client address, reason), at most {@link #LINES_PER_MINUTE} a
 * minute: a scanner that opens thousands of connections to port 465 must not fill the disk. The lines left out are
 * counted and reported in one "suppressed" line when the next minute starts. INFO, not WARN: the client failed,
 * not Postroom. Every failure is counted per door, logged or not, for {@code /metrics}.
 */
public final class HandshakeLog {
    static final int LINES_PER_MINUTE = 20;
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(HandshakeLog.class);

    private final LongSupplier nanoTime;
    private long windowStart;
    private int written;
    private int suppressed;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public HandshakeLog() {
        this(System::nanoTime);
    }

    /** With its own time source, for tests. */
    HandshakeLog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** Logs a failed handshake unless this minute has had its share; returns whether it was logged. */
    public boolean failed(String door, InetAddress client, Exception reason) {
        counts.computeIfAbsent(door, d -> new LongAdder()).increment();
        int suppressedBefore;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            suppressedBefore = 0;
            if (now - windowStart >= MINUTE_NANOS) {
                suppressedBefore = suppressed;
                windowStart = now;
                written = 0;
                suppressed = 0;
            }
            if (written >= LINES_PER_MINUTE) {
                suppressed++;
                return false;
            }
            written++;
        }
        if (suppressedBefore > 0) log.info("TLS handshake failures: {} more in the last minute not logged", suppressedBefore);
        log.info("{}: TLS handshake with [{}] failed: {}", door, client.getHostAddress(), describe(reason));
        return true;
    }

    /** The failed handshakes so far, per door, in door order. */
    public Map<String, Long> failuresByDoor() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((door, n) -> out.put(door, n.sum()));
        return out;
    }

    private static String describe(Exception reason) {
        String message = reason.getMessage();
        return message == null || message.isBlank() ? reason.getClass().getSimpleName() : message;
    }
}
