package org.postroom.server;

import java.io.IOException;
import java.nio.file.Path;
import org.postroom.config.ConfigLoader;
import org.postroom.config.PostroomConfig;
import org.postroom.files.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files that hold secrets, checked at start: {@code postroom.toml} when it holds a provider's password, the
 * database (password hashes, and SQLite's {@code -wal}/{@code -shm}/{@code -journal} beside it), the TLS key, and
 * {@code secret.key}, which seals the provider passwords kept in the database (collect.PasswordSeal).
 * Postroom creates them {@code 0600}; one another program (or an older Postroom) made readable by others gets a
 * warning, not a refusal: the administrator may have a reason, and the mail must keep flowing.
 */
final class SecretFiles {
    private static final Logger log = LoggerFactory.getLogger(SecretFiles.class);

    private SecretFiles() {}

    static void warnIfExposed(PostroomConfig config, DataFolder data) {
        boolean holdsPasswords = !config.relay().password().isEmpty() || config.collect().stream().anyMatch(a -> !a.password().isEmpty());
        if (holdsPasswords) check(config.dataDir().resolve(ConfigLoader.FILE_NAME), "the providers' passwords");
        Path database = data.database();
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            check(database.resolveSibling(database.getFileName() + suffix), "the users' password hashes");
        }
        check(config.resolve(config.tls().key()), "the TLS private key");
        Path sealKey = config.dataDir().resolve(org.postroom.collect.PasswordSeal.KEY_FILE);
        if (java.nio.file.Files.exists(sealKey)) check(sealKey, "the key of the collect accounts' passwords kept in the database");
    }

    private static void check(Path file, String what) {
        try {
            OwnerOnly.exposedMode(file).ifPresent(mode -> log.warn("{} holds {} and is open to others than Postroom's user ({}): "
                    + "chmod 600 {}", file, what, mode, file));
        } catch (IOException e) {
            log.warn("cannot check who may read {}: {}", file, e.toString());
        }
    }
}
