package org.postroom.pop3.client;

import java.time.Duration;

/**
 * How long the client waits. RFC 1939 3 gives servers an idle timer of at least 10 minutes; a provider that stays
 * silent for {@code read} is treated as gone.
 */
public record Pop3Timeouts(Duration connect, Duration read) {
    public static final Pop3Timeouts DEFAULT = new Pop3Timeouts(Duration.ofSeconds(30), Duration.ofMinutes(2));
}
