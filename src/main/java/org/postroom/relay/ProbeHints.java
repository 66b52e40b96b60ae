package org.postroom.relay;

import java.util.Locale;
import java.util.Optional;
import org.postroom.config.HostPort;
import org.postroom.config.RelaySettings;
import org.postroom.smtp.client.SmtpClientException;

/**
 * The plain-language hint for the step of {@code postroom relay test} that failed: what the administrator of a small
 * office checks or changes, in the words of postroom.toml's {@code [relay]} keys. Reply codes are RFC 5321's and
 * RFC 4954's (535 bad credentials, 534 mechanism too weak, 530/538 encryption or authentication required).
 */
final class ProbeHints {
    private ProbeHints() {}

    static String hint(SmtpClientException e, HostPort host, RelaySettings.TlsMode mode, RelaySettings.Trust trust, Optional<String> login,
            boolean certificateSeen) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        int code = e.reply().map(r -> r.code()).orElse(0);
        return switch (e.kind()) {
            case CONNECT_FAILED -> message.contains("no address")
                    ? "The name " + host.host() + " does not resolve: check its spelling in [relay] smarthosts, and this machine's DNS."
                    : message.contains("timed out")
                    ? "No answer from " + host + ": a firewall probably drops the connection (many networks block outgoing port 25; the "
                            + "provider's port 587 with tls = \"starttls\", or 465 with tls = \"implicit\", usually gets through)."
                    : "Nothing accepts connections at " + host + " (connection refused): check the host and port in [relay] smarthosts "
                            + "(providers use 587 for STARTTLS and 465 for implicit TLS) and that the provider's server is up.";
            case TLS -> tlsHint(e, host, mode, trust, certificateSeen, code);
            case REFUSED -> switch (e.stage()) {
                case GREETING -> "The smarthost turned the connection away (reply " + code + "): the provider may block this network "
                        + "address or be busy; try again later or ask the provider.";
                case EHLO -> "The smarthost refused Postroom's EHLO: check that [server] hostname is a real host name.";
                case AUTH -> authHint(code, login);
                default -> "The smarthost refused " + e.stage() + " (reply " + code + ").";
            };
            case NO_AUTH_MECHANISM -> "The smarthost offers no login method Postroom can use (PLAIN or LOGIN; it may want OAuth or only "
                    + "accept a login after STARTTLS): check tls and the port, or remove login from [relay] if the provider relays by "
                    + "network address.";
            case TIMEOUT -> "The smarthost stopped answering at " + e.stage() + ": it may be overloaded, or a firewall or an antivirus "
                    + "proxy holds the connection; try again, or try the other port (587 or 465).";
            case CONNECTION_LOST -> "The smarthost hung up at " + e.stage() + (mode == RelaySettings.TlsMode.STARTTLS
                    && e.stage() == SmtpClientException.Stage.GREETING ? " before greeting: port 465 wants tls = \"implicit\"" : "")
                    + ": it may refuse this network address, or something between cuts the connection.";
            case PROTOCOL_ERROR -> e.stage() == SmtpClientException.Stage.STARTTLS
                    ? "Data arrived between STARTTLS and the handshake (RFC 3207 5): something on the way tampers with the connection."
                    : "What answers at " + host + " does not speak SMTP" + (mode != RelaySettings.TlsMode.IMPLICIT
                            ? " (or speaks TLS from the first byte: port 465 wants tls = \"implicit\")" : "") + ": check the port.";
        };
    }

    private static String tlsHint(SmtpClientException e, HostPort host, RelaySettings.TlsMode mode, RelaySettings.Trust trust,
            boolean certificateSeen, int code) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("does not offer STARTTLS")) {
            return "The smarthost does not offer STARTTLS on port " + host.port() + ", and Postroom never sends mail or a password "
                    + "unencrypted to it: use the provider's STARTTLS port (587) or implicit TLS (port 465 with tls = \"implicit\").";
        }
        if (code != 0) return "The smarthost refused to start TLS (reply " + code + "): try again later, or use port 465 with tls = \"implicit\".";
        if (certificateSeen) {
            String pinned = trust == RelaySettings.Trust.PINNED
                    ? "ca_file holds another certificate than the one this server shows (the provider may have renewed it: compare the "
                            + "fingerprint above and save the new one)"
                    : "its issuer is not among the authorities Postroom trusts (trust = \"" + trust.name().toLowerCase(Locale.ROOT)
                            + "\"), or it does not name " + host.host() + " (see its names above)";
            return "The smarthost's certificate is not trusted: " + pinned + ". If the provider uses its own self-signed certificate, "
                    + "save it as a PEM file in the data folder and set trust = \"pinned\" and ca_file; if the name differs, use a name "
                    + "the certificate lists in [relay] smarthosts.";
        }
        if (mode == RelaySettings.TlsMode.IMPLICIT) {
            return "The TLS handshake failed before any certificate: port " + host.port() + " probably does not speak TLS from the "
                    + "first byte (implicit TLS is port 465; on 587 or 25 use tls = \"starttls\").";
        }
        return "The TLS handshake failed before any certificate: the smarthost and Postroom share no TLS version or cipher "
                + "(Postroom needs TLS 1.2 or 1.3), or the connection was cut.";
    }

    private static String authHint(int code, Optional<String> login) {
        String who = login.map(l -> "\"" + l + "\"").orElse("(none)");
        return switch (code) {
            case 535 -> "The smarthost refused the login " + who + " (535: wrong login or password): check login and password in "
                    + "[relay]; many providers want an app password here, not the mailbox's usual one.";
            case 534 -> "The provider wants another login method or an app password for " + who + " (534).";
            case 530, 538 -> "The smarthost wants encryption before the login (" + code + "): use tls = \"starttls\" or \"implicit\".";
            case 454 -> "The provider could not check the login just now (454): try again later.";
            default -> "The smarthost refused the login " + who + " (reply " + code + ").";
        };
    }
}
