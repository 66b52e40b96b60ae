package org.postroom.smtp.client;

import java.time.Duration;

/**
 * RFC 5321 4.5.3.2: how long the client waits at each step.
 *
 * @param connect the TCP connection (and an implicit-TLS handshake)
 * @param command the greeting and each command's reply (4.5.3.2.1-4.5.3.2.4: 5 minutes, 2 for DATA)
 * @param dataBlock one write of message content (4.5.3.2.5: 3 minutes)
 * @param dataEnd the reply to the final dot (4.5.3.2.6: 10 minutes)
 */
public record ClientTimeouts(Duration connect, Duration command, Duration dataBlock, Duration dataEnd) {
    public static final ClientTimeouts RFC5321 = new ClientTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofMinutes(3), Duration.ofMinutes(10));
}
