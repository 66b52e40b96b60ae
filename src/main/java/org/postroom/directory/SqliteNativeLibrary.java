package org.postroom.directory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * SQLite's native library, taken out of the sqlite-jdbc jar once into a folder of its own. Left to itself the driver
 * copies it into a new temporary file at every JVM start and compares the copy with the jar's, byte by byte: a
 * fifth of a short admin command's time. Given {@code -Dorg.sqlite.lib.path=DIR -Dorg.sqlite.lib.name=NAME}
 * (the launchers do, next to the AOT cache: {@code packaging/aot.sh}) it loads this copy instead.
 */
public final class SqliteNativeLibrary {
    private SqliteNativeLibrary() {}

    /** The file name the driver looks for, e.g. {@code libsqlitejdbc.so}. */
    public static String fileName() {
        return System.mapLibraryName("sqlitejdbc");
    }

    /** Writes the library for this OS and architecture into {@code dir} (replacing a copy there whole); returns it. */
    public static Path extractTo(Path dir) throws IOException {
        String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + fileName();
        Files.createDirectories(dir);
        Path target = dir.resolve(fileName());
        Path partial = dir.resolve(fileName() + ".partial");
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("the sqlite-jdbc jar has no " + resource);
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
