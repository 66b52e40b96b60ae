package org.postroom.collect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.postroom.files.OwnerOnly;
import org.postroom.message.SpooledMessage;

/** {@code unresolved = "hold"}: messages kept for review in {@code data/collect/held/ACCOUNT/}, one file each (0600, folder 0700). */
final class HeldMail {
    private HeldMail() {}

    static Path dir(Path dataDir, String account) {
        return dataDir.resolve("collect").resolve("held").resolve(account);
    }

    /** Writes {@code header} and the message, synced before it is named: a file there is always whole. */
    static void write(Path dataDir, String account, Clock clock, byte[] header, SpooledMessage message, String uidl) throws IOException {
        Path dir = dir(dataDir, account);
        OwnerOnly.createDirectories(dir);
        String name = clock.millis() + "-" + HexFormat.of().formatHex(sha256(uidl), 0, 8) + ".eml";
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.deleteIfExists(tmp); // a leftover of a stop mid-write; the new one is made 0600
        try (OutputStream out = Channels.newOutputStream(OwnerOnly.createFile(tmp))) {
            out.write(header);
            message.copyTo(out);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
