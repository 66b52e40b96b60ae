package org.postroom.directory;

/**
 * A directory request that cannot be carried out as asked. The message is written for the administrator (it names
 * the address or domain); {@link #kind()} lets the CLI and the REST API pick an exit code or status.
 */
public final class DirectoryException extends RuntimeException {

    /** What went wrong, as a caller that maps errors to codes needs to know it. */
    public enum Kind {
        /** The named domain, user, alias, group or member does not exist. */
        NOT_FOUND,
        /** It exists already, or the change would break the directory (a domain still in use, one address in two roles). */
        CONFLICT,
        /** The request itself is malformed (a bad domain name, a negative quota, an empty target list). */
        INVALID
    }

    private final Kind kind;

    public DirectoryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static DirectoryException notFound(String message) {
        return new DirectoryException(Kind.NOT_FOUND, message);
    }

    static DirectoryException conflict(String message) {
        return new DirectoryException(Kind.CONFLICT, message);
    }

    static DirectoryException invalid(String message) {
        return new DirectoryException(Kind.INVALID, message);
    }
}
