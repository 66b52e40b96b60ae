package org.postroom.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * {@code [pop3]}: the POP3 service's two ports, its limits, and the office networks.
 *
 * @param port POP3 with STLS (RFC 1939, RFC 2595); production 110; 0 picks a free port (tests)
 * @param tlsPort POP3 over implicit TLS (RFC 8314); production 995
 * @param idleTimeout how long to wait for the next command before closing without deleting anything
 *     (RFC 1939 3: an autologout timer must be at least 10 minutes)
 * @param maxConnections sessions open at once, over all clients
 * @param maxConnectionsPerClient sessions open at once from one client address
 * @param maxErrors bad or out-of-place commands in one session before it is closed
 * @param officeNetworks the office's own networks: users marked "POP3 from the office only" may log in from here
 * @param plaintextFromOffice allow USER/PASS and AUTH PLAIN without TLS from the office networks (old clients
 *     on a trusted LAN); loopback is governed by {@code [auth] plaintext_from_loopback}
 */
public record Pop3Settings(
        int port,
        int tlsPort,
        Duration idleTimeout,
        int maxConnections,
        int maxConnectionsPerClient,
        int maxErrors,
        List<Cidr> officeNetworks,
        boolean plaintextFromOffice) {

    public Pop3Settings {
        officeNetworks = List.copyOf(officeNetworks);
    }

    public boolean inOffice(InetAddress client) {
        return officeNetworks.stream().anyMatch(net -> net.contains(client));
    }
}
