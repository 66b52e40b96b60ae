package org.postroom.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.postroom.config.ConfigLoader;

/**
 * Which {@code postroom.toml} the running server uses: the SHA-256 of the bytes it loaded, kept in
 * {@code data/run/config.sha256}, so {@code postroom collect status} and {@code postroom reload --check} can say
 * "changed on disk" until the file is reloaded. The digest is taken before the file is parsed: an edit in between
 * shows as a change (the safe side), never the other way round.
 */
public final class LoadedConfig {
    private LoadedConfig() {}

    static Path record(Path dataDir) {
        return dataDir.resolve("run").resolve("config.sha256");
    }

    /** The digest of {@code postroom.toml} as it is on disk now; empty when there is no file. */
    public static Optional<String> digestOnDisk(Path dataDir) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(dataDir.resolve(ConfigLoader.FILE_NAME));
            return Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Server side: the file with {@code digest} is the one now in use. */
    static void inUse(Path dataDir, Optional<String> digest) throws IOException {
        Path file = record(dataDir);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("config.sha256.tmp");
        Files.writeString(tmp, digest.orElse("") + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** True when a server has loaded {@code postroom.toml} and the file has changed since (ask only while one runs). */
    public static boolean changedOnDisk(Path dataDir) throws IOException {
        String loaded;
        try {
            loaded = Files.readString(record(dataDir), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return false;
        }
        return !digestOnDisk(dataDir).orElse("").equals(loaded);
    }
}
