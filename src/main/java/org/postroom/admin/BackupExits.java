package org.postroom.admin;

import org.postroom.backup.BackupException;

/** The exit code for each way a backup or restore stops ({@link ExitCodes}). */
final class BackupExits {
    private BackupExits() {}

    static int of(BackupException.Kind kind) {
        return switch (kind) {
            case TARGET_NOT_EMPTY -> ExitCodes.CONFLICT;
            case DAMAGED -> ExitCodes.CONFLICT; // sysexits' EX_DATAERR (65): the input data was incorrect
            case SERVER_RUNS, UNAVAILABLE -> ExitCodes.UNAVAILABLE;
        };
    }
}
