package org.postroom.backup;

/** A backup or restore that cannot go on; {@link #kind()} says why, for the command's exit code. */
public final class BackupException extends Exception {

    /** Why it stopped. */
    public enum Kind {
        /** The destination (or restore target) exists and is not empty. */
        TARGET_NOT_EMPTY,
        /** A server runs on the folder to restore into. */
        SERVER_RUNS,
        /** The archive or folder to restore is damaged, incomplete or not a Postroom backup. */
        DAMAGED,
        /** The data folder or the source is missing or unreadable. */
        UNAVAILABLE
    }

    private final Kind kind;

    public BackupException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BackupException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
