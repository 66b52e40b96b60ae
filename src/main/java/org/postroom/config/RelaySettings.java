package org.postroom.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code [relay]}: how mail for outside addresses leaves, through the provider's smarthost(s).
 *
 * @param smarthosts tried in order until one takes the connection; empty means no outbound mail (outside
 *     recipients are refused with {@code 451 4.3.5})
 * @param tls how the connection is protected
 * @param trust which server certificates are believed
 * @param caFile the PEM file for {@link Trust#CA_FILE} and {@link Trust#PINNED}, relative to the data folder
 * @param login the login at the smarthost, empty for none
 * @param password its password; never logged, never printed ({@link #toString()} hides it)
 * @param connectTimeout how long to wait for the TCP connection (and, for implicit TLS, the handshake)
 * @param commandTimeout how long to wait for the greeting and each reply (RFC 5321 4.5.3.2.1-4.5.3.2.3: 5 minutes)
 * @param dataTimeout how long one write of message data may take (RFC 5321 4.5.3.2.5: 3 minutes)
 * @param dataEndTimeout how long to wait for the reply to the final dot (RFC 5321 4.5.3.2.6: 10 minutes)
 * @param maxConnections outbound connections at once
 * @param maxMessagesPerConnection messages sent over one connection before it is closed
 * @param mxDelivery with no smarthost, deliver straight to the recipients' MX hosts (RFC 5321 5)
 */
public record RelaySettings(
        List<HostPort> smarthosts,
        TlsMode tls,
        Trust trust,
        Optional<Path> caFile,
        String login,
        String password,
        Duration connectTimeout,
        Duration commandTimeout,
        Duration dataTimeout,
        Duration dataEndTimeout,
        int maxConnections,
        int maxMessagesPerConnection,
        boolean mxDelivery) {

    /** How the connection to the smarthost is protected. */
    public enum TlsMode {
        /** Plain connection, then STARTTLS (RFC 3207), required: no STARTTLS, no mail. Ports 25 and 587. */
        STARTTLS,
        /** TLS from the first byte (RFC 8314), port 465. */
        IMPLICIT,
        /** No TLS at all, and so no login: only for a smarthost on this machine or a trusted LAN. */
        NONE
    }

    /** Which certificates the relay believes. */
    public enum Trust {
        /** The JDK's certificate authorities; the name must match the smarthost's host name. */
        SYSTEM,
        /** The certificate authorities in {@code ca_file}; the name must match. */
        CA_FILE,
        /** Exactly the certificate(s) in {@code ca_file}, whatever name they carry: a provider's self-signed one. */
        PINNED
    }

    public RelaySettings {
        smarthosts = List.copyOf(smarthosts);
    }

    /** Outside mail can leave: through a smarthost, or straight to MX hosts. */
    public boolean enabled() {
        return !smarthosts.isEmpty() || mxDelivery;
    }

    public boolean hasLogin() {
        return !login.isEmpty();
    }

    /** Everything but the password. */
    @Override
    public String toString() {
        return "RelaySettings[smarthosts=" + smarthosts + ", tls=" + tls + ", trust=" + trust + ", caFile=" + caFile
                + ", login=" + login + ", password=" + (password.isEmpty() ? "" : "(hidden)") + ", connectTimeout=" + connectTimeout
                + ", commandTimeout=" + commandTimeout + ", dataTimeout=" + dataTimeout + ", dataEndTimeout=" + dataEndTimeout
                + ", maxConnections=" + maxConnections + ", maxMessagesPerConnection=" + maxMessagesPerConnection
                + ", mxDelivery=" + mxDelivery + "]";
    }
}
