package org.postroom.admin;

import org.postroom.backup.BackupException;

/** The exit code for each way a backup or restore stops ({@link ExitCodes}), and the sizes they print. */
final class BackupExits {
    private BackupExits() {}

    static int of(BackupException.Kind kind) {
        return switch (kind) {
            case TARGET_NOT_EMPTY -> ExitCodes.CONFLICT;
            case DAMAGED -> ExitCodes.CONFLICT; // sysexits' EX_DATAERR (65): the input data was incorrect
            case SERVER_RUNS, UNAVAILABLE -> ExitCodes.UNAVAILABLE;
        };
    }

    /** A size for people: {@code 812 bytes}, {@code 4.2 MiB}. */
    static String size(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        String units = "KMGT";
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit + 1 < units.length()) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %siB", value, units.charAt(unit));
    }
}
