package org.postroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.postroom.config.ConfigLoader;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Directory;
import org.postroom.message.MailAddress;
import org.postroom.server.DataFolder;
import org.postroom.server.PostroomServer;
import org.postroom.smtp.server.SmtpDoor;

/**
 * A real Postroom for tests: its own data folder, listening on free ports of 127.0.0.1, domain
 * {@code office.test}, failed logins answered without delay. Extra TOML settings can be given per test.
 */
public final class TestPostroom implements AutoCloseable {
    public static final String DOMAIN = "office.test";
    public static final String PASSWORD = "correct horse battery";

    private final Path dataDir;
    private final PostroomServer server;

    private TestPostroom(Path dataDir, PostroomServer server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    /** Starts a server in {@code dataDir} with the test defaults plus {@code extraToml} (whole tables). */
    public static TestPostroom start(Path dataDir, String extraToml) {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve(ConfigLoader.FILE_NAME);
            if (!Files.exists(config)) Files.writeString(config, testToml(extraToml), StandardCharsets.UTF_8);
            PostroomConfig loaded = ConfigLoader.load(dataDir);
            new DataFolder(dataDir).initialize(DOMAIN, loaded.addresses());
            return new TestPostroom(dataDir, PostroomServer.start(loaded, Clock.systemDefaultZone()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestPostroom start(Path dataDir) {
        return start(dataDir, "");
    }

    /** The configuration tests run with; {@code extra} may add keys to [smtp] and [auth] by repeating tables is not allowed in TOML, so it replaces them. */
    static String testToml(String extra) {
        StringBuilder toml = new StringBuilder();
        toml.append("[server]\nhostname = \"mx.office.test\"\nbind = \"127.0.0.1\"\n");
        if (!extra.contains("[smtp]")) toml.append("[smtp]\nport = 0\nsubmission_port = 0\nsubmissions_port = 0\n");
        if (!extra.contains("[auth]")) toml.append("[auth]\nfailure_delay = \"0s\"\n");
        toml.append(extra).append('\n');
        return toml.toString();
    }

    public Directory directory() {
        return server.directory();
    }

    public int port(SmtpDoor door) {
        return server.smtpPort(door);
    }

    public int smtpPort() {
        return port(SmtpDoor.MTA);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Adds a user {@code local@office.test} with {@link #PASSWORD}. */
    public MailAddress addUser(String localPart) {
        MailAddress address = new MailAddress(localPart, DOMAIN);
        directory().addUser(address, localPart, PASSWORD.toCharArray(), false, 0);
        return address;
    }

    /** The files delivered to a user's new/ folder, oldest name first. */
    public List<Path> delivered(String localPart) {
        Path dir = dataDir.resolve("mail").resolve(DOMAIN).resolve(localPart.toLowerCase(java.util.Locale.ROOT)).resolve("new");
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) return files;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    public String readDelivered(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
