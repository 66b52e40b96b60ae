package org.postroom.config;

import java.nio.file.Path;

/**
 * {@code [tls]}: the server's certificate chain and key, PEM files. Relative paths are under the data folder;
 * when both are missing at the default place, a self-signed pair is made on first start.
 */
public record TlsSettings(Path certificate, Path key) {}
