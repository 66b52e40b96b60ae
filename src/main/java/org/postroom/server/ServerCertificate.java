package org.postroom.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.postroom.config.ConfigException;
import org.postroom.config.ConfigLoader;
import org.postroom.config.PostroomConfig;
import org.postroom.config.TlsSettings;
import org.postroom.net.HandshakeLog;
import org.postroom.net.Tls;
import org.postroom.net.TlsFileException;
import org.postroom.net.TlsFiles;
import org.postroom.net.TlsIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code [tls]} at start: the pair made self-signed only when both settings are the defaults and neither file
 * exists; otherwise the administrator's files, which must exist, be readable and belong together, or the start is
 * refused naming the setting and the path. Then the certificate's names, expiry and fingerprint are logged, so a
 * user can be told what to trust.
 */
final class ServerCertificate {
    private static final Logger log = LoggerFactory.getLogger(ServerCertificate.class);
    private static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private ServerCertificate() {}

    /**
     * The server side of TLS from {@code [tls]}; a {@link ConfigException} when the files cannot serve. Failed
     * handshakes go to {@code handshakes}, the same log for the pair of every reload.
     */
    static Tls load(PostroomConfig config, Instant now, HandshakeLog handshakes) throws IOException {
        TlsSettings settings = config.tls();
        Path certificate = config.resolve(settings.certificate());
        Path key = config.resolve(settings.key());
        try {
            boolean made = settings.isDefault() && TlsFiles.createSelfSignedIfMissing(certificate, key, config.server().hostname());
            if (made) log.info("made a self-signed TLS certificate for {} in {}", config.server().hostname(), certificate.getParent());
            TlsIdentity identity = TlsIdentity.read(certificate, key);
            describe(identity, certificate, now);
            return new Tls(identity.serverContext(), handshakes);
        } catch (TlsFileException e) {
            throw refusal(config, settings, e);
        }
    }

    private static ConfigException refusal(PostroomConfig config, TlsSettings settings, TlsFileException e) {
        Path file = config.dataDir().resolve(ConfigLoader.FILE_NAME);
        String setting = switch (e.part()) {
            case CERTIFICATE -> "[tls] certificate = \"" + settings.certificate() + "\"";
            case KEY -> "[tls] key = \"" + settings.key() + "\"";
            case PAIR -> "[tls] certificate and [tls] key";
        };
        String hint = settings.isDefault() || e.part() == TlsFileException.Part.PAIR ? ""
                : " (a self-signed pair is made only when [tls] certificate and key are both left at " + TlsSettings.DEFAULT_CERTIFICATE
                        + " and " + TlsSettings.DEFAULT_KEY + ")";
        return new ConfigException(file + ": " + setting + ": " + e.getMessage() + hint, e);
    }

    private static void describe(TlsIdentity identity, Path file, Instant now) {
        String expiry = DateTimeFormatter.ISO_LOCAL_DATE.format(identity.notAfter().atOffset(ZoneOffset.UTC));
        log.info("TLS certificate {}: names {}; expires {}; SHA-256 fingerprint {}{}", file, String.join(", ", identity.subjectNames()), expiry,
                identity.sha256Fingerprint(), identity.selfSigned() ? " (self-signed: clients must be told to trust it)" : "");
        if (identity.notAfter().isBefore(now)) {
            log.warn("the TLS certificate {} expired on {}: clients that check it refuse to connect", file, expiry);
        } else if (identity.notAfter().isBefore(now.plus(EXPIRY_WARNING))) {
            log.warn("the TLS certificate {} expires on {}: renew it", file, expiry);
        }
    }
}
