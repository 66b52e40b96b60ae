package org.postroom.config;

import java.time.Duration;

/**
 * {@code [imap]}: the IMAP service's two ports and its limits. The office networks are {@code [pop3]}'s (one
 * office, one list): users marked "IMAP from the office only" may log in from there.
 *
 * @param port IMAP with STARTTLS (RFC 3501, RFC 9051 7.1); production 143; 0 picks a free port (tests)
 * @param tlsPort IMAP over implicit TLS (RFC 8314); production 993
 * @param idleTimeout the autologout timer: a session without a command this long is closed (RFC 3501 5.4: at
 *     least 30 minutes); a command line must also arrive whole within it
 * @param idleCommandTimeout how long one IDLE command may last (RFC 2177: clients re-IDLE every 24-29 minutes,
 *     so this is longer than {@code idleTimeout})
 * @param maxConnections sessions open at once, over all clients
 * @param maxConnectionsPerClient sessions open at once from one client address (each phone and Thunderbird opens
 *     several)
 * @param maxErrors bad or out-of-place commands in one session before it is closed
 * @param appendLimit the largest message APPEND takes (RFC 7889 APPENDLIMIT)
 * @param plaintextFromOffice allow LOGIN and AUTHENTICATE without TLS from the office networks; loopback is
 *     governed by {@code [auth] plaintext_from_loopback}
 */
public record ImapSettings(
        int port,
        int tlsPort,
        Duration idleTimeout,
        Duration idleCommandTimeout,
        int maxConnections,
        int maxConnectionsPerClient,
        int maxErrors,
        long appendLimit,
        boolean plaintextFromOffice) {}
