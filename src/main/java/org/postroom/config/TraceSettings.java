package org.postroom.config;

import java.time.Duration;

/**
 * {@code [trace]}: the record of every message's steps behind {@code postroom trace} and {@code postroom stats}.
 *
 * @param enabled record events in {@code data/trace.db}; off, nothing is written (the metrics still count)
 * @param keep events older than this are pruned
 * @param reads also record each message read or deleted by its owner over POP3/IMAP (many events; off by default)
 */
public record TraceSettings(boolean enabled, Duration keep, boolean reads) {

    public static final TraceSettings DEFAULT = new TraceSettings(true, Duration.ofDays(30), false);
}
