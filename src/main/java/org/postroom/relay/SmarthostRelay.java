package org.postroom.relay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.postroom.config.HostPort;
import org.postroom.config.RelaySettings;
import org.postroom.net.ClientTls;
import org.postroom.queue.DeliveryAgent;
import org.postroom.queue.Diagnosis;
import org.postroom.smtp.client.ClientTimeouts;
import org.postroom.smtp.client.Credentials;
import org.postroom.smtp.client.SmtpClient;
import org.postroom.smtp.client.SmtpClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued mail through the provider's smarthost(s): connects to the first that answers (failover in
 * the configured order), protects the connection as configured (STARTTLS required by default, or implicit TLS),
 * logs in, and carries several messages over the connection.
 *
 * <p>A smarthost that refuses Postroom's TLS or login is a configuration problem: every recipient is deferred
 * with {@link Diagnosis#configProblem()}, the administrator is alerted in the log, and nothing is bounced for
 * it before the message's lifetime ends. When no smarthost can be reached, the relay remembers it for a short
 * while (the {@code quiet} period) and defers the next messages at once instead of trying each of them.
 */
public final class SmarthostRelay implements DeliveryAgent {
    private static final Logger log = LoggerFactory.getLogger(SmarthostRelay.class);

    private final List<HostPort> smarthosts;
    private final RelaySettings.TlsMode tlsMode;
    private final RelaySettings.Trust trust;
    private final Optional<ClientTls> tls;
    private final Optional<Credentials> credentials;
    private final ClientTimeouts timeouts;
    private final String heloName;
    private final Clock clock;
    private final Duration quiet;
    private volatile Unreachable unreachable;

    private record Unreachable(Instant until, Diagnosis why) {}

    SmarthostRelay(List<HostPort> smarthosts, RelaySettings.TlsMode tlsMode, RelaySettings.Trust trust, Optional<ClientTls> tls, Optional<Credentials> credentials,
            ClientTimeouts timeouts, String heloName, Clock clock, Duration quiet) {
        this.smarthosts = List.copyOf(smarthosts);
        this.tlsMode = tlsMode;
        this.trust = trust;
        this.tls = tls;
        this.credentials = credentials;
        this.timeouts = timeouts;
        this.heloName = heloName;
        this.clock = clock;
        this.quiet = quiet;
    }

    /**
     * The relay as {@code [relay]} describes it; {@code dataDir} resolves a relative {@code ca_file}. After failing to
     * reach every smarthost, it defers without trying for {@code quiet}.
     */
    public static SmarthostRelay create(RelaySettings settings, Path dataDir, String heloName, Clock clock, Duration quiet) throws IOException {
        Optional<ClientTls> tls = Optional.empty();
        if (settings.tls() != RelaySettings.TlsMode.NONE) {
            tls = Optional.of(switch (settings.trust()) {
                case SYSTEM -> ClientTls.system();
                case CA_FILE -> ClientTls.authorities(dataDir.resolve(settings.caFile().orElseThrow()));
                case PINNED -> ClientTls.pinned(dataDir.resolve(settings.caFile().orElseThrow()));
            });
        }
        Optional<Credentials> credentials = settings.hasLogin()
                ? Optional.of(new Credentials.Password(settings.login(), settings.password())) : Optional.empty();
        ClientTimeouts timeouts = new ClientTimeouts(settings.connectTimeout(), settings.commandTimeout(), settings.dataTimeout(),
                settings.dataEndTimeout());
        return new SmarthostRelay(settings.smarthosts(), settings.tls(), settings.trust(), tls, credentials, timeouts, heloName, clock, quiet);
    }

    @Override
    public Session open() {
        Unreachable known = unreachable;
        if (known != null && clock.instant().isBefore(known.until())) return new Unavailable(known.why());
        List<Diagnosis> problems = new ArrayList<>();
        for (HostPort host : smarthosts) {
            try {
                SmtpClient client = connect(host);
                unreachable = null;
                log.debug("relay: connected to {}{}", host, client.tls().map(t -> " (" + t + ")").orElse(""));
                return new Connected(client, host.toString());
            } catch (SmtpClientException e) {
                Diagnosis why = Outcomes.ofSetup(e, host.toString());
                problems.add(why);
                if (why.configProblem()) {
                    log.error("ALERT: smarthost {}: Postroom's {} failed: {}. Outbound mail waits in the queue, and nothing is "
                            + "bounced for this before a message's lifetime ends; check [relay] in postroom.toml.", host,
                            e.stage() == SmtpClientException.Stage.AUTH ? "login" : "TLS", why);
                } else {
                    log.warn("relay: smarthost {} not available: {}", host, why);
                }
            }
        }
        // Tell the senders the most useful reason: a configuration problem wins, as the one that needs fixing.
        Diagnosis why = problems.stream().filter(Diagnosis::configProblem).findFirst().orElse(problems.getLast());
        unreachable = new Unreachable(clock.instant().plus(quiet), why);
        return new Unavailable(why);
    }

    /** Connects, greets, secures and logs in. */
    private SmtpClient connect(HostPort host) throws SmtpClientException {
        return connect(host, timeouts, tls, (stage, client) -> {});
    }

    /** Told of each step that succeeded, with the client that took it (its last reply is the step's). */
    interface Steps {
        void passed(SmtpClientException.Stage stage, SmtpClient client);
    }

    /** The one way to the smarthost, for the deliveries and for {@link #probe()}: connect, EHLO, TLS, EHLO, AUTH. */
    private SmtpClient connect(HostPort host, ClientTimeouts timeouts, Optional<ClientTls> tls, Steps steps) throws SmtpClientException {
        SmtpClient client = SmtpClient.connect(host.host(), host.port(), timeouts,
                tlsMode == RelaySettings.TlsMode.IMPLICIT ? tls : Optional.empty());
        steps.passed(SmtpClientException.Stage.GREETING, client);
        try {
            client.hello(heloName);
            steps.passed(SmtpClientException.Stage.EHLO, client);
            if (tlsMode == RelaySettings.TlsMode.STARTTLS) {
                client.startTls(tls.orElseThrow());
                steps.passed(SmtpClientException.Stage.STARTTLS, client);
                client.hello(heloName); // RFC 3207 4.2: start over after the handshake
                steps.passed(SmtpClientException.Stage.EHLO, client);
            }
            if (credentials.isPresent()) {
                client.authenticate(credentials.get());
                steps.passed(SmtpClientException.Stage.AUTH, client);
            }
            return client;
        } catch (SmtpClientException e) {
            client.quit();
            throw e;
        }
    }

    /**
     * {@code postroom relay test}: each configured smarthost in turn, through the same steps as a delivery, each
     * step's reply, the certificate (kept even when it is not believed) and a hint for the step that failed. The
     * waits are capped at {@link SmarthostProbe#PATIENCE}: an administrator is watching.
     */
    public List<SmarthostProbe.Report> probe() throws IOException {
        List<SmarthostProbe.Report> reports = new ArrayList<>();
        ClientTimeouts quick = SmarthostProbe.capped(timeouts);
        for (HostPort host : smarthosts) {
            Optional<ClientTls.Recording> recording = tls.isPresent() ? Optional.of(tls.get().recording()) : Optional.empty();
            SmarthostProbe probe = new SmarthostProbe(host, tlsMode, trust, credentials.map(Credentials::login));
            try {
                SmtpClient client = connect(host, quick, recording.map(ClientTls.Recording::tls), probe::passed);
                probe.tlsUp(client.peerCertificates());
                client.quit();
                probe.quit(client);
            } catch (SmtpClientException e) {
                probe.failed(e, recording.map(ClientTls.Recording::chain).orElse(List.of()));
            }
            reports.add(probe.report());
        }
        return reports;
    }

    /** A live connection to one smarthost. */
    private static final class Connected implements Session {
        private final SmtpClient client;
        private final String host;

        Connected(SmtpClient client, String host) {
            this.client = client;
            this.host = host;
        }

        @Override
        public List<Outcome> send(Outgoing message) {
            Optional<Diagnosis> impossible = Outcomes.cannotCarry(message, client.extensions(), host);
            if (impossible.isPresent()) return Collections.nCopies(message.recipients().size(), new Outcome.Failed(impossible.get()));
            var transaction = new SmtpClient.Transaction(message.sender(), message.recipients(), message.size(), message.eightBit(),
                    message.smtpUtf8());
            return client.send(transaction, message.body()::open).stream().map(a -> Outcomes.of(a, host)).toList();
        }

        @Override
        public boolean reusable() {
            return client.isUsable();
        }

        @Override
        public void close() {
            client.quit();
        }
    }

    /** No smarthost could be used: every recipient is deferred with the reason. */
    private record Unavailable(Diagnosis why) implements Session {
        @Override
        public List<Outcome> send(Outgoing message) {
            return Collections.nCopies(message.recipients().size(), new Outcome.Deferred(why));
        }

        @Override
        public boolean reusable() {
            return false;
        }

        @Override
        public void close() {}
    }
}
