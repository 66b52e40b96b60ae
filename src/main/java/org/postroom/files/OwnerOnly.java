package org.postroom.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Creates files {@code rw-------} and folders {@code rwx------}. The mode is an argument of the creating system call
 * ({@code open(O_CREAT|O_EXCL, 0600)}, {@code mkdir(0700)}), so the Maildir and queue write paths pay nothing for it;
 * the process umask can only take more away. A hard link shares its file's mode, so a message linked into several
 * mailboxes is 0600 in each. On a file system without POSIX permissions the files are made as before.
 */
public final class OwnerOnly {
    private static final FileAttribute<Set<PosixFilePermission>> FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private OwnerOnly() {}

    /** A new file ({@code CREATE_NEW}: never one that exists) open for writing, {@code 0600}. */
    public static FileChannel createFile(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return posix(file) ? FileChannel.open(file, options, FILE) : FileChannel.open(file, options);
    }

    /** Writes {@code bytes} into a new file, {@code 0600}; fails if it exists. Not synced. */
    public static void writeNewFile(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = createFile(file)) {
            var buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) channel.write(buffer);
        }
    }

    /** {@link Files#createDirectories}, each folder it makes {@code 0700}; folders that exist are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        return posix(dir) ? Files.createDirectories(dir, FOLDER) : Files.createDirectories(dir);
    }

    /**
     * {@code dir} made as {@link #createDirectories} makes it, and narrowed to {@code 0700} when it was there already:
     * for a folder whose contents no one else may reach (a socket, which anyone may use who may enter its folder).
     */
    public static Path privateFolder(Path dir) throws IOException {
        createDirectories(dir);
        Files.setPosixFilePermissions(dir, FOLDER.value());
        return dir;
    }

    /** Whether {@code dir} is {@code 0700}, as {@link #privateFolder} leaves it; false without POSIX permissions. */
    public static boolean isPrivateFolder(Path dir) throws IOException {
        return posix(dir) && Files.getPosixFilePermissions(dir).equals(FOLDER.value());
    }

    /**
     * What is wrong with a file that holds a secret: {@code "rw-r--r--"} when its group or others may read or write it,
     * empty when only its owner may (or it does not exist, or the file system has no POSIX permissions).
     */
    public static Optional<String> exposedMode(Path file) throws IOException {
        if (!posix(file) || !Files.exists(file)) return Optional.empty();
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        for (PosixFilePermission p : GROUP_OR_OTHERS) {
            if (mode.contains(p)) return Optional.of(PosixFilePermissions.toString(mode));
        }
        return Optional.empty();
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
