package org.postroom.relay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postroom.config.HostPort;
import org.postroom.config.RelaySettings;
import org.postroom.message.MailAddress;
import org.postroom.net.ClientTls;
import org.postroom.queue.DeliveryAgent;
import org.postroom.queue.Diagnosis;
import org.postroom.smtp.client.Answer;
import org.postroom.smtp.client.ClientTimeouts;
import org.postroom.smtp.client.SmtpClient;
import org.postroom.smtp.client.SmtpClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued mail straight to each recipient domain's MX hosts ({@code [relay] mx_delivery}, when no
 * smarthost is set), per RFC 5321 5: the recipients of a message are grouped by domain, each domain's MX hosts
 * are tried in order until one takes the connection, STARTTLS is used when offered (RFC 7435 opportunistic
 * encryption: unverified, and plain text again if the handshake fails), and a session keeps one connection per
 * domain for the next messages. No login is ever sent.
 */
public final class MxRelay implements DeliveryAgent {
    private static final Logger log = LoggerFactory.getLogger(MxRelay.class);

    private final MxResolver resolver;
    private final ClientTimeouts timeouts;
    private final String heloName;
    private final ClientTls tls;

    MxRelay(MxResolver resolver, ClientTimeouts timeouts, String heloName, ClientTls tls) {
        this.resolver = resolver;
        this.timeouts = timeouts;
        this.heloName = heloName;
        this.tls = tls;
    }

    public static MxRelay create(RelaySettings settings, String heloName) throws IOException {
        return new MxRelay(new DnsMxResolver(), new ClientTimeouts(settings.connectTimeout(), settings.commandTimeout(),
                settings.dataTimeout(), settings.dataEndTimeout()), heloName, ClientTls.opportunistic());
    }

    @Override
    public Session open() {
        return new Destinations();
    }

    /** A connection to a domain's MX host, or why there is none. */
    private sealed interface Route {
        record Open(SmtpClient client, String host) implements Route {}

        record None(Outcome outcome) implements Route {}
    }

    /** One session's connections, one per recipient domain. */
    private final class Destinations implements Session {
        private final Map<String, Route.Open> connections = new LinkedHashMap<>();

        @Override
        public List<Outcome> send(Outgoing message) {
            Outcome[] outcomes = new Outcome[message.recipients().size()];
            Map<String, List<Integer>> byDomain = new LinkedHashMap<>();
            for (int i = 0; i < outcomes.length; i++) {
                byDomain.computeIfAbsent(message.recipients().get(i).domain(), d -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<String, List<Integer>> group : byDomain.entrySet()) {
                List<Integer> indexes = group.getValue();
                Route route = route(group.getKey());
                if (route instanceof Route.None none) {
                    for (int i : indexes) outcomes[i] = none.outcome();
                    continue;
                }
                Route.Open open = (Route.Open) route;
                Optional<Diagnosis> impossible = Outcomes.cannotCarry(message, open.client().extensions(), open.host());
                if (impossible.isPresent()) {
                    for (int i : indexes) outcomes[i] = new Outcome.Failed(impossible.get());
                    continue;
                }
                List<MailAddress> recipients = indexes.stream().map(i -> message.recipients().get(i)).toList();
                List<Answer> answers = open.client().send(new SmtpClient.Transaction(message.sender(), recipients, message.size(),
                        message.eightBit(), message.smtpUtf8()), message.body()::open);
                for (int k = 0; k < indexes.size(); k++) outcomes[indexes.get(k)] = Outcomes.of(answers.get(k), open.host());
                if (!open.client().isUsable()) connections.remove(group.getKey());
            }
            return Arrays.asList(outcomes);
        }

        private Route route(String domain) {
            Route.Open known = connections.get(domain);
            if (known != null && known.client().isUsable()) return known;
            connections.remove(domain);
            return switch (resolver.resolve(domain)) {
                case MxResolver.Result.NoMail none -> new Route.None(new Outcome.Failed(Diagnosis.local(none.status(), none.why())));
                case MxResolver.Result.TryLater later -> new Route.None(new Outcome.Deferred(Diagnosis.local("4.4.3", later.why())));
                case MxResolver.Result.Hosts hosts -> connect(domain, hosts.hosts());
            };
        }

        /** RFC 5321 5.1: each MX host in order until one greets and takes EHLO. */
        private Route connect(String domain, List<HostPort> hosts) {
            Diagnosis last = null;
            for (HostPort host : hosts) {
                try {
                    Route.Open open = new Route.Open(prepare(host), host.toString());
                    connections.put(domain, open);
                    return open;
                } catch (SmtpClientException e) {
                    Diagnosis why = Outcomes.ofSetup(e, host.toString());
                    last = new Diagnosis(why.status(), why.text(), why.remoteMta(), why.smtpReply(), false); // never a configuration problem here
                    log.debug("relay: MX {} for {} not available: {}", host, domain, last);
                }
            }
            return new Route.None(new Outcome.Deferred(last));
        }

        private SmtpClient prepare(HostPort host) throws SmtpClientException {
            SmtpClient client = SmtpClient.connect(host.host(), host.port(), timeouts, Optional.empty());
            try {
                if (!client.hello(heloName).startTls()) return client;
                client.startTls(tls);
                client.hello(heloName);
                return client;
            } catch (SmtpClientException e) {
                client.quit();
                if (e.stage() != SmtpClientException.Stage.STARTTLS && e.kind() != SmtpClientException.Kind.TLS) throw e;
            }
            // RFC 7435: opportunistic encryption falls back to plain text when the handshake fails.
            SmtpClient plain = SmtpClient.connect(host.host(), host.port(), timeouts, Optional.empty());
            try {
                plain.hello(heloName);
                return plain;
            } catch (SmtpClientException e) {
                plain.quit();
                throw e;
            }
        }

        @Override
        public boolean reusable() {
            return true;
        }

        @Override
        public void close() {
            for (Route.Open open : connections.values()) open.client().quit();
            connections.clear();
        }
    }
}
