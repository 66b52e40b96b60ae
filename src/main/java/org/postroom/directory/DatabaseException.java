package org.postroom.directory;

import java.sql.SQLException;

/**
 * The database could not be used: missing, locked for longer than the busy timeout, corrupt, or written by a newer
 * Postroom. Unlike {@link DirectoryException} this is not the caller's mistake; the server answers with a temporary
 * failure and the CLI exits with "unavailable".
 */
public final class DatabaseException extends RuntimeException {

    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
