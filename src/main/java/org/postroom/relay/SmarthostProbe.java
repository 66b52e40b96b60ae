package org.postroom.relay;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.postroom.config.HostPort;
import org.postroom.config.RelaySettings;
import org.postroom.net.ClientTls;
import org.postroom.smtp.client.ClientTimeouts;
import org.postroom.smtp.client.SmtpClient;
import org.postroom.smtp.client.SmtpClientException;
import org.postroom.smtp.client.SmtpClientException.Stage;

/**
 * What {@link SmarthostRelay#probe()} saw at one smarthost, step by step, and the plain-language hint for the step that
 * failed ({@link ProbeHints}). The password is never part of it: the AUTH step shows the login and the server's reply.
 */
public final class SmarthostProbe {
    /** No step of a test waits longer than this, whatever [relay]'s timeouts say. */
    static final Duration PATIENCE = Duration.ofSeconds(15);

    /** One step: its name, whether it passed, the server's reply (or what went wrong), and a hint when it failed. */
    public record Step(String step, String outcome, String reply, String hint) {
        public static final String PASSED = "passed", FAILED = "failed", SKIPPED = "skipped";
    }

    /** The server's certificate as the test saw it (kept even when the handshake refused it). */
    public record Certificate(String subject, List<String> names, String issuer, String notBefore, String notAfter, long daysLeft,
            String sha256, boolean trusted, String trust, boolean jdkTrusts, String problem) {}

    /** The whole test of one smarthost. */
    public record Report(String smarthost, String tls, String login, boolean ok, List<Step> steps, Certificate certificate, String hint) {}

    private final HostPort host;
    private final RelaySettings.TlsMode mode;
    private final RelaySettings.Trust trust;
    private final Optional<String> login;
    private final List<Step> steps = new ArrayList<>();
    private boolean afterTls;
    private Certificate certificate;
    private String hint;
    private boolean ok;

    SmarthostProbe(HostPort host, RelaySettings.TlsMode mode, RelaySettings.Trust trust, Optional<String> login) {
        this.host = host;
        this.mode = mode;
        this.trust = trust;
        this.login = login;
    }

    static ClientTimeouts capped(ClientTimeouts t) {
        return new ClientTimeouts(min(t.connect()), min(t.command()), min(t.dataBlock()), min(t.dataEnd()));
    }

    private static Duration min(Duration d) {
        return d.compareTo(PATIENCE) < 0 ? d : PATIENCE;
    }

    /** A step of the relay's connect succeeded; the client's last reply is its. */
    void passed(Stage stage, SmtpClient client) {
        String reply = client.lastReply().map(Object::toString).orElse("");
        switch (stage) {
            case GREETING -> {
                if (mode == RelaySettings.TlsMode.IMPLICIT) tlsUp(client.peerCertificates());
                steps.add(new Step("connect", Step.PASSED, reply, null));
            }
            case EHLO -> steps.add(new Step(afterTls ? "EHLO (after STARTTLS)" : "EHLO", Step.PASSED, reply, null));
            case STARTTLS -> {
                afterTls = true;
                steps.add(new Step("STARTTLS", Step.PASSED, reply + client.tls().map(t -> " (" + t + ")").orElse(""), null));
                tlsUp(client.peerCertificates());
            }
            case AUTH -> steps.add(new Step("AUTH", Step.PASSED, reply, null));
            default -> steps.add(new Step(stage.name(), Step.PASSED, reply, null));
        }
    }

    /** TLS is up: the certificate was believed under the configured trust. */
    void tlsUp(List<X509Certificate> chain) {
        if (certificate == null && !chain.isEmpty()) certificate = describe(chain, true, null);
    }

    /** Connected, secured and logged in: QUIT's reply ends the test. */
    void quit(SmtpClient client) {
        if (mode == RelaySettings.TlsMode.NONE) steps.add(new Step("STARTTLS", Step.SKIPPED, "", "tls = \"none\": no encryption and no login"));
        if (login.isEmpty()) steps.add(new Step("AUTH", Step.SKIPPED, "", "no login in [relay]: the smarthost must relay for this address"));
        steps.add(new Step("QUIT", Step.PASSED, client.lastReply().map(Object::toString).orElse(""), null));
        ok = true;
    }

    /** The step after the last one that passed failed with {@code e}; {@code chain} is the certificate if one was seen. */
    void failed(SmtpClientException e, List<X509Certificate> chain) {
        if (e.kind() == SmtpClientException.Kind.TLS && !chain.isEmpty()) certificate = describe(chain, false, rootCause(e));
        hint = ProbeHints.hint(e, host, mode, trust, login, certificate != null);
        steps.add(new Step(stepName(e.stage()), Step.FAILED, e.reply().map(Object::toString).orElse(e.getMessage()), hint));
    }

    private String stepName(Stage stage) {
        return switch (stage) {
            case CONNECT, GREETING -> mode == RelaySettings.TlsMode.IMPLICIT && stage == Stage.CONNECT ? "connect (TLS)" : "connect";
            case EHLO -> afterTls ? "EHLO (after STARTTLS)" : "EHLO";
            default -> stage.name();
        };
    }

    Report report() {
        return new Report(host.toString(), mode.name().toLowerCase(Locale.ROOT), login.orElse(null), ok, List.copyOf(steps), certificate, hint);
    }

    private Certificate describe(List<X509Certificate> chain, boolean trusted, String problem) {
        X509Certificate c = chain.getFirst();
        List<String> names = new ArrayList<>();
        try {
            if (c.getSubjectAlternativeNames() != null) {
                for (List<?> san : c.getSubjectAlternativeNames()) {
                    Object type = san.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) names.add(String.valueOf(san.get(1))); // dNSName, iPAddress
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable names: " + e.getMessage() + ")");
        }
        Instant notAfter = c.getNotAfter().toInstant();
        return new Certificate(c.getSubjectX500Principal().getName(), names, c.getIssuerX500Principal().getName(),
                c.getNotBefore().toInstant().toString(), notAfter.toString(), Duration.between(Instant.now(), notAfter).toDays(),
                fingerprint(c), trusted, trust.name().toLowerCase(Locale.ROOT), ClientTls.jdkTrusts(chain), problem);
    }

    /** SHA-256 of the certificate's DER bytes, as browsers and {@code openssl x509 -fingerprint -sha256} show it. */
    static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 10 && t.getCause() != null; i++) t = t.getCause();
        return t.getMessage();
    }
}
