package org.postroom.store.folder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.postroom.files.OwnerOnly;
import org.postroom.store.Maildir;

/** Replaces a small file whole and durably: a new file written and synced, renamed over the old, the folder synced. */
final class SmallFiles {
    private SmallFiles() {}

    static void replace(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp); // left by a crash while writing
        try (FileChannel channel = OwnerOnly.createFile(tmp)) {
            ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(false);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Maildir.syncDirectory(file.getParent());
    }
}
