package org.postroom.net;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A certificate or key file that cannot serve: missing, unreadable, not PEM, encrypted, or a certificate and key
 * that do not belong together. Says which file; the caller names the setting that pointed at it.
 */
public final class TlsFileException extends IOException {

    /** Which file is at fault; {@code PAIR}: each is fine alone, but the key is not the certificate's. */
    public enum Part { CERTIFICATE, KEY, PAIR }

    private final Part part;
    private final Path path;

    public TlsFileException(Part part, Path path, String problem, Throwable cause) {
        super(problem, cause);
        this.part = part;
        this.path = path;
    }

    public TlsFileException(Part part, Path path, String problem) {
        this(part, path, problem, null);
    }

    public Part part() {
        return part;
    }

    /** The file at fault (for {@code PAIR}, the key). */
    public Path path() {
        return path;
    }
}
