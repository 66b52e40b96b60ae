package org.postroom.config;

import java.nio.file.Path;

/**
 * {@code [tls]}: the server's certificate chain and key, PEM files. Relative paths are under the data folder. Only
 * when both are the defaults (written or left out) is a self-signed pair made, on first start; a file named
 * elsewhere must exist.
 */
public record TlsSettings(Path certificate, Path key) {
    public static final Path DEFAULT_CERTIFICATE = Path.of("tls/cert.pem");
    public static final Path DEFAULT_KEY = Path.of("tls/key.pem");

    /** Neither setting names a file of the administrator's: Postroom may make the pair itself. */
    public boolean isDefault() {
        return certificate.equals(DEFAULT_CERTIFICATE) && key.equals(DEFAULT_KEY);
    }
}
