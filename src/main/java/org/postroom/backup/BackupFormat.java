package org.postroom.backup;

import java.util.Locale;
import java.util.Optional;

/** How a backup is written: a plain folder, or one tar file compressed with gzip or zstd. */
public enum BackupFormat {
    DIR("dir"),
    TAR_GZ("tar.gz"),
    TAR_ZST("tar.zst");

    private final String label;

    BackupFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The format a {@code --format} value names. */
    public static Optional<BackupFormat> parse(String text) {
        for (BackupFormat f : values()) {
            if (f.label.equals(text.toLowerCase(Locale.ROOT))) return Optional.of(f);
        }
        return Optional.empty();
    }

    /** The format a destination's name suggests: {@code .tar.gz}/{@code .tgz}, {@code .tar.zst}, else a folder. */
    public static BackupFormat fromName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) return TAR_GZ;
        if (name.endsWith(".tar.zst") || name.endsWith(".tzst")) return TAR_ZST;
        return DIR;
    }
}
