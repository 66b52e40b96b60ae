package org.postroom.service;

/**
 * A collector request that cannot be carried out as asked; {@link #kind()} gives the CLI its exit code and the API
 * its status (web.console.ConsoleError.from). An {@link IllegalArgumentException}, so that the audit records it as
 * refused, not failed.
 */
public final class CollectorException extends IllegalArgumentException {
    public enum Kind {
        /** No such account, or no such held message. */
        NOT_FOUND,
        /** The name is taken, or the account is postroom.toml's and changes only there. */
        CONFLICT,
        /** A setting the rules of [[collect.account]] refuse. */
        INVALID
    }

    private final Kind kind;

    public CollectorException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
