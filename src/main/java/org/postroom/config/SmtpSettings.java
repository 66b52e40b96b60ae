package org.postroom.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code [smtp]}: the three SMTP doors and their limits.
 *
 * @param port plain SMTP (RFC 5321), where mail for local users arrives; 0 picks a free port (tests)
 * @param submissionPort message submission with STARTTLS (RFC 6409)
 * @param submissionsPort message submission over implicit TLS (RFC 8314)
 * @param maxMessageSize the SIZE limit in octets (RFC 1870)
 * @param maxRecipients recipients per transaction (RFC 5321 4.5.3.1.8 asks for at least 100)
 * @param maxErrors bad commands in one session before it is closed
 * @param idleTimeout how long a command line may take to arrive whole, and the most DATA or BDAT may stall
 *     (RFC 5321 4.5.3.2.7: at least 5 minutes)
 * @param maxConnections sessions open at once, over all clients
 * @param maxConnectionsPerClient sessions open at once from one client address
 * @param maxReceivedHeaders more {@code Received} headers than this means a mail loop
 * @param rejectBareLineEnds refuse messages with a bare LF or CR (SMTP smuggling, CVE-2023-51766)
 * @param trustedNetworks clients that may relay without authenticating
 * @param requireSenderMatch on submission, MAIL FROM must be one of the authenticated user's addresses
 * @param minDataRate octets per second DATA and BDAT must keep to on the whole (Postfix's smtpd_min_data_rate):
 *     each octet buys 1/rate seconds on top of {@code idleTimeout}, so only a client slower than this runs out
 */
public record SmtpSettings(
        int port,
        int submissionPort,
        int submissionsPort,
        long maxMessageSize,
        int maxRecipients,
        int maxErrors,
        Duration idleTimeout,
        int maxConnections,
        int maxConnectionsPerClient,
        int maxReceivedHeaders,
        boolean rejectBareLineEnds,
        List<Cidr> trustedNetworks,
        boolean requireSenderMatch,
        long minDataRate) {

    public SmtpSettings {
        trustedNetworks = List.copyOf(trustedNetworks);
    }
}
