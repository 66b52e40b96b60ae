package org.postroom.backup;

/**
 * The names inside a backup, checked before use: relative, '/'-separated, no empty, {@code .} or {@code ..} part,
 * no NUL, so that no entry of a damaged or hostile archive lands outside the folder restored into.
 */
final class ArchivePaths {
    private ArchivePaths() {}

    static String check(String path) throws BackupException {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            throw new BackupException(BackupException.Kind.DAMAGED, "the backup names a file outside its folder: " + path);
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new BackupException(BackupException.Kind.DAMAGED, "the backup names a file outside its folder: " + path);
            }
        }
        return path;
    }
}
