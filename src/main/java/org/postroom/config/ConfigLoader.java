package org.postroom.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code postroom.toml} into a {@link PostroomConfig}. Every key has a default, written where its table is
 * read (here, {@link OutboundTables}, {@link CollectTables}), except what a collector account cannot do without (its
 * name, host and login, and deliver_to in single-drop); the commented file in {@link #defaultFileText()} shows them
 * all. An unknown key, a wrong type or a value out of range stops the start with an error naming file, line and key,
 * rather than a guess.
 */
public final class ConfigLoader {
    public static final String FILE_NAME = "postroom.toml";
    private static final String TEMPLATE = "/org/postroom/config/postroom.toml";

    private ConfigLoader() {}

    /** The commented configuration written into a new data folder. */
    public static String defaultFileText() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) throw new IllegalStateException("missing resource " + TEMPLATE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads {@code dataDir/postroom.toml}; a missing file means all defaults. */
    public static PostroomConfig load(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        String text;
        try {
            text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(dataDir, file, text);
    }

    /** Parses configuration text; {@code file} is only used in error messages. */
    public static PostroomConfig parse(Path dataDir, Path file, String text) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(text);
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            throw new ConfigException(file, where == null ? 0 : where.getLineNr(), "", "not valid TOML: " + e.getOriginalMessage());
        }
        ConfigReader r = new ConfigReader(file, root, new TomlLines(text.lines().toList()));
        r.allowTables("server", "smtp", "pop3", "imap", "auth", "delivery", "addresses", "tls", "relay", "queue", "collect", "trace", "web", "log");

        ConfigReader.Table server = r.table("server", "hostname", "bind");
        String hostname = server.string("hostname", "");
        ServerSettings serverSettings = new ServerSettings(hostname.isBlank() ? localHostName() : hostname,
                server.ipAddress("bind", "0.0.0.0"));

        ConfigReader.Table smtp = r.table("smtp", "port", "submission_port", "submissions_port", "max_message_size",
                "max_recipients", "max_errors", "idle_timeout", "max_connections", "max_connections_per_client",
                "max_received_headers", "reject_bare_line_ends", "trusted_networks", "require_sender_match", "min_data_rate");
        SmtpSettings smtpSettings = new SmtpSettings(
                smtp.port("port", 2525),
                smtp.port("submission_port", 2587),
                smtp.port("submissions_port", 2465),
                smtp.size("max_message_size", 25L << 20, 1024),
                smtp.integer("max_recipients", 100, 1, 100_000),
                smtp.integer("max_errors", 10, 1, 1000),
                smtp.duration("idle_timeout", "5m"),
                smtp.integer("max_connections", 2000, 1, 1_000_000),
                smtp.integer("max_connections_per_client", 50, 1, 1_000_000),
                smtp.integer("max_received_headers", 50, 1, 1000),
                smtp.bool("reject_bare_line_ends", true),
                smtp.cidrs("trusted_networks", List.of("127.0.0.0/8", "::1/128")),
                smtp.bool("require_sender_match", true),
                smtp.integer("min_data_rate", 500, 1, 1_000_000_000));

        ConfigReader.Table pop3 = r.table("pop3", "port", "tls_port", "idle_timeout", "max_connections",
                "max_connections_per_client", "max_errors", "office_networks", "plaintext_from_office");
        Pop3Settings pop3Settings = new Pop3Settings(
                pop3.port("port", 2110),
                pop3.port("tls_port", 2995),
                pop3.duration("idle_timeout", "10m"),
                pop3.integer("max_connections", 1000, 1, 1_000_000),
                pop3.integer("max_connections_per_client", 20, 1, 1_000_000),
                pop3.integer("max_errors", 20, 1, 1000),
                pop3.cidrs("office_networks", List.of("127.0.0.0/8", "::1/128")),
                pop3.bool("plaintext_from_office", false));
        ImapSettings imapSettings = imap(r);
        WebSettings web = WebTables.web(r);
        DistinctPorts.check(r, smtpSettings, pop3Settings, imapSettings, web);

        ConfigReader.Table auth = r.table("auth", "plaintext_from_loopback", "failure_delay", "max_failures", "lockout");
        AuthSettings authSettings = new AuthSettings(
                auth.bool("plaintext_from_loopback", true),
                auth.duration("failure_delay", "1s"),
                auth.integer("max_failures", 5, 1, 1000),
                auth.duration("lockout", "5m"));

        ConfigReader.Table delivery = r.table("delivery", "quota_exceeded");
        DeliverySettings deliverySettings = new DeliverySettings(
                delivery.choice("quota_exceeded", DeliverySettings.QuotaMode.class, DeliverySettings.QuotaMode.TEMPORARY));

        ConfigReader.Table addresses = r.table("addresses", "recipient_delimiter", "case_sensitive_local_parts", "unknown_local");
        AddressRules rules = new AddressRules(
                addresses.string("recipient_delimiter", "+"),
                addresses.bool("case_sensitive_local_parts", false),
                addresses.choice("unknown_local", AddressRules.UnknownLocal.class, AddressRules.UnknownLocal.REJECT));

        ConfigReader.Table tls = r.table("tls", "certificate", "key");
        TlsSettings tlsSettings = new TlsSettings(
                Path.of(tls.string("certificate", TlsSettings.DEFAULT_CERTIFICATE.toString())),
                Path.of(tls.string("key", TlsSettings.DEFAULT_KEY.toString())));

        RelaySettings relay = OutboundTables.relay(r);
        QueueSettings queue = OutboundTables.queue(r);
        List<CollectAccount> collect = CollectTables.accounts(r);

        ConfigReader.Table trace = r.table("trace", "enabled", "keep", "reads");
        TraceSettings traceSettings = new TraceSettings(trace.bool("enabled", true), trace.duration("keep", "30d"), trace.bool("reads", false));
        if (traceSettings.keep().isZero()) throw trace.problem("keep", "must be longer than zero");

        ConfigReader.Table log = r.table("log", "max_size", "keep");
        LogSettings logSettings = new LogSettings(log.size("max_size", LogSettings.DEFAULT.maxSize(), 64 * 1024),
                log.integer("keep", LogSettings.DEFAULT.keep(), 1, LogSettings.MAX_KEEP));

        return new PostroomConfig(dataDir, serverSettings, smtpSettings, pop3Settings, imapSettings, authSettings, deliverySettings, rules,
                tlsSettings, relay, queue, collect, traceSettings, web, logSettings);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    static List<String> names(Iterable<String> it) {
        List<String> out = new ArrayList<>();
        it.forEach(out::add);
        return out;
    }

    private static ImapSettings imap(ConfigReader r) {
        ConfigReader.Table imap = r.table("imap", "port", "tls_port", "idle_timeout", "idle_command_timeout", "max_connections",
                "max_connections_per_client", "max_errors", "append_limit", "plaintext_from_office");
        return new ImapSettings(
                imap.port("port", 2143),
                imap.port("tls_port", 2993),
                imap.duration("idle_timeout", "30m"),
                imap.duration("idle_command_timeout", "60m"),
                imap.integer("max_connections", 1000, 1, 1_000_000),
                imap.integer("max_connections_per_client", 50, 1, 1_000_000),
                imap.integer("max_errors", 20, 1, 1000),
                imap.size("append_limit", 25L << 20, 1024),
                imap.bool("plaintext_from_office", false));
    }
}
