package org.postroom.pop3.client;

import java.time.Duration;

/**
 * How long the client waits. RFC 1939 3 gives servers an idle timer of at least 10 minutes; a provider that stays
 * silent for {@code read} is treated as gone.
 *
 * @param connect the TCP connection
 * @param read each reply line must arrive whole within this of its command; a listing or a message may stall at
 *     most this long, and must on the whole keep to {@code minOctetsPerSecond} (net.ReadDeadline)
 * @param minOctetsPerSecond the slowest rate a listing or message may come at: a 50 MiB message at 2 KiB/s still
 *     arrives (in about 7 hours); a provider that drips a byte every few seconds ends the cycle within {@code read}
 */
public record Pop3Timeouts(Duration connect, Duration read, long minOctetsPerSecond) {
    public static final Pop3Timeouts DEFAULT = new Pop3Timeouts(Duration.ofSeconds(30), Duration.ofMinutes(2), 2048);

    public Pop3Timeouts {
        if (minOctetsPerSecond < 1) throw new IllegalArgumentException("minOctetsPerSecond must be at least 1");
    }

    /** "2 minutes a reply, at least 2048 octets/s for listings and messages", for error messages. */
    static String describe(Pop3Timeouts t) {
        return t.read().toString().substring(2).toLowerCase(java.util.Locale.ROOT) + " a reply, at least " + t.minOctetsPerSecond()
                + " octets/s for listings and messages";
    }
}
