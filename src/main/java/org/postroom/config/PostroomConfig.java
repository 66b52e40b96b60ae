package org.postroom.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code postroom.toml} says, validated. Immutable and passed down explicitly: two servers with
 * different configurations can run side by side in one JVM.
 *
 * @param dataDir the data folder that relative paths are resolved against
 * @param collect the provider mailboxes the collector empties ({@code [[collect.account]]})
 * @param trace {@code [trace]}: what the message trace records and keeps
 * @param web where metrics and health are served ({@code [web]})
 * @param log the log file's rotation ({@code [log]})
 */
public record PostroomConfig(
        Path dataDir,
        ServerSettings server,
        SmtpSettings smtp,
        Pop3Settings pop3,
        ImapSettings imap,
        AuthSettings auth,
        DeliverySettings delivery,
        AddressRules addresses,
        TlsSettings tls,
        RelaySettings relay,
        QueueSettings queue,
        List<CollectAccount> collect,
        TraceSettings trace,
        WebSettings web,
        LogSettings log) {

    public PostroomConfig {
        collect = List.copyOf(collect);
    }

    public Path resolve(Path path) {
        return dataDir.resolve(path);
    }
}
