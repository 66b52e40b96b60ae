package org.postroom.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Small data folders made by hand for the backup package's tests, and what a folder holds, to compare. */
final class BackupDataFolders {
    private BackupDataFolders() {}

    /** A data folder with a directory database, one message for alice, a queue file and (unless linked) the configuration. */
    static Path make(Path data, String tag, boolean config) throws IOException, SQLException {
        Files.createDirectories(data.resolve("mail/office.test/alice/cur"));
        Files.createDirectories(data.resolve("mail/office.test/alice/new"));
        Files.createDirectories(data.resolve("mail/office.test/alice/tmp"));
        Files.createDirectories(data.resolve("queue"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("postroom.db")); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (name TEXT)");
            s.execute("INSERT INTO users VALUES ('alice-" + tag + "')");
        }
        Files.writeString(data.resolve("mail/office.test/alice/cur/1700000000.M1P1." + tag + ":2,S"), "Subject: " + tag + "\r\n\r\nbody\r\n");
        Files.writeString(data.resolve("queue/" + tag + ".msg"), "queued " + tag);
        if (config) Files.writeString(data.resolve("postroom.toml"), "# config " + tag + "\n");
        return data;
    }

    static Path backup(Path data, Path dest) throws IOException, BackupException {
        Backup.run(data, dest, BackupFormat.DIR, "test", Clock.systemUTC());
        return dest;
    }

    /**
     * Every entry under {@code root} (links not followed) but the lock's {@code run/} and the restore's staging: a
     * file's SHA-256, a link's target, a folder as "/".
     */
    static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.equals(root)) continue;
                String rel = root.relativize(p).toString();
                String top = rel.split("/")[0];
                if (top.equals("run") || top.equals(Restore.STAGING)) continue;
                if (Files.isSymbolicLink(p)) out.put(rel, "-> " + Files.readSymbolicLink(p));
                else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) out.put(rel, "/");
                else out.put(rel, HashingCopy.sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }
}
