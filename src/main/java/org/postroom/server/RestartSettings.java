package org.postroom.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.postroom.config.PostroomConfig;

/**
 * The settings a reload cannot apply, because they are used once, when the server starts: the listeners (ports,
 * bind address), their connection limits, the host name the store and intake stamp, the login throttle's counters,
 * and the queue's worker threads. A reload that finds one changed says "needs a restart" and applies the rest.
 */
final class RestartSettings {
    private record Setting(String key, Function<PostroomConfig, Object> value) {}

    private static final List<Setting> SETTINGS = List.of(
            new Setting("[server] hostname", c -> c.server().hostname()),
            new Setting("[server] bind", c -> c.server().bindAddress()),
            new Setting("[smtp] port", c -> c.smtp().port()),
            new Setting("[smtp] submission_port", c -> c.smtp().submissionPort()),
            new Setting("[smtp] submissions_port", c -> c.smtp().submissionsPort()),
            new Setting("[smtp] max_connections", c -> c.smtp().maxConnections()),
            new Setting("[smtp] max_connections_per_client", c -> c.smtp().maxConnectionsPerClient()),
            new Setting("[smtp] max_received_headers", c -> c.smtp().maxReceivedHeaders()),
            new Setting("[pop3] port", c -> c.pop3().port()),
            new Setting("[pop3] tls_port", c -> c.pop3().tlsPort()),
            new Setting("[pop3] max_connections", c -> c.pop3().maxConnections()),
            new Setting("[pop3] max_connections_per_client", c -> c.pop3().maxConnectionsPerClient()),
            new Setting("[imap] port", c -> c.imap().port()),
            new Setting("[imap] tls_port", c -> c.imap().tlsPort()),
            new Setting("[imap] max_connections", c -> c.imap().maxConnections()),
            new Setting("[imap] max_connections_per_client", c -> c.imap().maxConnectionsPerClient()),
            new Setting("[auth] failure_delay", c -> c.auth().failureDelay()),
            new Setting("[auth] max_failures", c -> c.auth().maxFailures()),
            new Setting("[auth] lockout", c -> c.auth().lockout()),
            new Setting("[relay] max_connections", c -> c.relay().maxConnections()),
            new Setting("[relay] max_messages_per_connection", c -> c.relay().maxMessagesPerConnection()),
            new Setting("[web] port", c -> c.web().port()),
            new Setting("[web] bind", c -> c.web().bindAddress()),
            new Setting("[web] tls", c -> c.web().tls()),
            new Setting("[web] disk_reserve", c -> c.web().diskReserve()),
            // The trace is opened once, with its settings, and handed to every door.
            new Setting("[trace] enabled", c -> c.trace().enabled()),
            new Setting("[trace] keep", c -> c.trace().keep()),
            new Setting("[trace] reads", c -> c.trace().reads()),
            new Setting("[log] max_size", c -> c.log().maxSize()),
            new Setting("[log] keep", c -> c.log().keep()));

    private RestartSettings() {}

    /** "[smtp] port 2525 -> 2526" for each such setting that differs. */
    static List<String> changed(PostroomConfig running, PostroomConfig next) {
        List<String> out = new ArrayList<>();
        for (Setting s : SETTINGS) {
            Object before = s.value().apply(running);
            Object after = s.value().apply(next);
            if (!Objects.equals(before, after)) out.add(s.key() + " " + before + " -> " + after);
        }
        return out;
    }
}
