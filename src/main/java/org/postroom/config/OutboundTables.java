package org.postroom.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code [relay]} and {@code [queue]}: outbound mail, its smarthosts and its retry schedule. */
final class OutboundTables {
    private OutboundTables() {}

    static RelaySettings relay(ConfigReader r) {
        ConfigReader.Table t = r.table("relay", "smarthosts", "tls", "trust", "ca_file", "login", "password", "connect_timeout",
                "command_timeout", "data_timeout", "data_end_timeout", "max_connections", "max_messages_per_connection", "mx_delivery");
        RelaySettings.TlsMode tls = t.choice("tls", RelaySettings.TlsMode.class, RelaySettings.TlsMode.STARTTLS);
        int defaultPort = tls == RelaySettings.TlsMode.IMPLICIT ? 465 : 587;
        List<HostPort> smarthosts = new ArrayList<>();
        for (String text : t.strings("smarthosts", List.of())) {
            try {
                smarthosts.add(HostPort.parse(text, defaultPort));
            } catch (IllegalArgumentException e) {
                throw t.problem("smarthosts", e.getMessage());
            }
        }
        RelaySettings.Trust trust = t.choice("trust", RelaySettings.Trust.class, RelaySettings.Trust.SYSTEM);
        String caFile = t.string("ca_file", "");
        if (trust != RelaySettings.Trust.SYSTEM && caFile.isBlank()) {
            throw t.problem("ca_file", "needed with trust = \"" + trust.name().toLowerCase(java.util.Locale.ROOT) + "\": the PEM file to trust");
        }
        String login = t.string("login", "");
        String password = t.string("password", "");
        if (!login.isEmpty() && tls == RelaySettings.TlsMode.NONE) {
            throw t.problem("login", "a login needs TLS, so the password is never sent in the clear: set tls = \"starttls\" or \"implicit\"");
        }
        if (login.isEmpty() && !password.isEmpty()) throw t.problem("password", "set without relay.login");
        return new RelaySettings(smarthosts, tls, trust, caFile.isBlank() ? Optional.empty() : Optional.of(Path.of(caFile)), login, password,
                positive(t, "connect_timeout", "30s"),
                positive(t, "command_timeout", "5m"),
                positive(t, "data_timeout", "3m"),
                positive(t, "data_end_timeout", "10m"),
                t.integer("max_connections", 4, 1, 100),
                t.integer("max_messages_per_connection", 100, 1, 100_000),
                t.bool("mx_delivery", false));
    }

    static QueueSettings queue(ConfigReader r) {
        ConfigReader.Table t = r.table("queue", "first_retry", "max_retry_interval", "lifetime", "delay_notice");
        Duration first = positive(t, "first_retry", "5m");
        Duration max = positive(t, "max_retry_interval", "1h");
        if (max.compareTo(first) < 0) throw t.problem("max_retry_interval", "must not be shorter than first_retry");
        Duration lifetime = positive(t, "lifetime", "5d");
        Duration delayNotice = t.duration("delay_notice", "4h");
        return new QueueSettings(first, max, lifetime, delayNotice);
    }

    private static Duration positive(ConfigReader.Table t, String key, String fallback) {
        Duration d = t.duration(key, fallback);
        if (d.isZero()) throw t.problem(key, "must be longer than zero");
        return d;
    }
}
