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
import org.postroom.imap.server.ImapDoor;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.server.DataFolder;
import org.postroom.server.PostroomServer;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.store.Maildir;
import org.postroom.store.MaildirStore;
import org.postroom.store.MessageWriter;

/**
 * A real Postroom for tests: its own data folder, listening on free ports of 127.0.0.1, domain
 * {@code office.test}, failed logins answered without delay. Extra TOML settings can be given per test.
 */
public final class TestPostroom implements AutoCloseable {
    public static final String DOMAIN = "office.test";
    public static final String PASSWORD = "correct horse battery";

    private final Path dataDir;
    private final PostroomServer server;
    private MaildirStore store;
    private long lastWritten;

    private TestPostroom(Path dataDir, PostroomServer server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    /** Starts a server in {@code dataDir} with the test defaults plus {@code extraToml} (whole tables). */
    public static TestPostroom start(Path dataDir, String extraToml) {
        return start(dataDir, extraToml, Clock.systemDefaultZone());
    }

    /** The same, on {@code clock} (a test's movable clock, for the queue's retry schedule). */
    public static TestPostroom start(Path dataDir, String extraToml, Clock clock) {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve(ConfigLoader.FILE_NAME);
            if (!Files.exists(config)) Files.writeString(config, testToml(extraToml), StandardCharsets.UTF_8);
            PostroomConfig loaded = ConfigLoader.load(dataDir);
            new DataFolder(dataDir).initialize(DOMAIN, loaded.addresses());
            return new TestPostroom(dataDir, PostroomServer.start(loaded, clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestPostroom start(Path dataDir) {
        return start(dataDir, "");
    }

    /**
     * The configuration tests run with. TOML does not allow a table twice, so an {@code extra} that has its own
     * {@code [smtp]}, {@code [pop3]} or {@code [auth]} replaces the test's (and must then set the ports to 0 itself).
     */
    static String testToml(String extra) {
        StringBuilder toml = new StringBuilder();
        toml.append("[server]\nhostname = \"mx.office.test\"\nbind = \"127.0.0.1\"\n");
        if (!extra.contains("[smtp]")) toml.append("[smtp]\nport = 0\nsubmission_port = 0\nsubmissions_port = 0\n");
        if (!extra.contains("[pop3]")) toml.append("[pop3]\nport = 0\ntls_port = 0\n");
        if (!extra.contains("[imap]")) toml.append("[imap]\nport = 0\ntls_port = 0\n");
        if (!extra.contains("[auth]")) toml.append("[auth]\nfailure_delay = \"0s\"\n");
        if (!extra.contains("[web]")) toml.append("[web]\nport = 0\n");
        toml.append(extra).append('\n');
        return toml.toString();
    }

    /** The running server's trace (data/trace.db): {@code trace().flush()} before reading it back. */
    public org.postroom.trace.Trace trace() {
        return server.trace();
    }

    public Directory directory() {
        return server.directory();
    }

    /** The running server's store: its folders are the ones its doors share (events reach their listeners). */
    public MaildirStore serverStore() {
        return server.store();
    }

    /** The outbound queue and its runner. */
    public org.postroom.server.Outbound outbound() {
        return server.outbound();
    }

    public int port(SmtpDoor door) {
        return server.smtpPort(door);
    }

    public int smtpPort() {
        return port(SmtpDoor.MTA);
    }

    /** The console's registered routes. */
    public org.postroom.web.console.Routes consoleRoutes() {
        return server.consoleRoutes();
    }

    /** The web port (metrics, health). */
    public int webPort() {
        return server.webPort();
    }

    /** Reads postroom.toml again, as `postroom reload` does. */
    public org.postroom.server.ReloadResult reload() {
        return server.reload();
    }

    /** This server's metrics registry. */
    public org.postroom.trace.metrics.Metrics metrics() {
        return server.metrics();
    }

    public int port(Pop3Door door) {
        return server.pop3Port(door);
    }

    /** The plain POP3 port (STLS available). */
    public int pop3Port() {
        return port(Pop3Door.POP3);
    }

    public int port(ImapDoor door) {
        return server.imapPort(door);
    }

    /** The plain IMAP port (STARTTLS available). */
    public int imapPort() {
        return port(ImapDoor.IMAP);
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

    /** The Maildir of {@code local@office.test}. */
    public synchronized Maildir maildir(String localPart) {
        if (store == null) store = new MaildirStore(dataDir.resolve("mail"), "mx.office.test");
        return store.maildir(new MailAddress(localPart, DOMAIN));
    }

    /**
     * Puts a message straight into a user's Maildir, byte for byte (as delivery would: CRLF line ends expected).
     * Each message gets a modification time after the one before, so POP3 numbers them in the order given even
     * where the file system's clock is coarse.
     */
    public synchronized String deliver(String localPart, String message) {
        return deliver(localPart, out -> out.write(message.getBytes(StandardCharsets.UTF_8)));
    }

    /** As {@link #deliver(String, String)}, with the bytes written by {@code writer} (for messages too big for a string). */
    public synchronized String deliver(String localPart, MessageWriter writer) {
        Maildir maildir = maildir(localPart);
        try {
            String name = store.deliver(List.of(new MailAddress(localPart, DOMAIN)), writer).fileName();
            lastWritten = Math.max(System.currentTimeMillis(), lastWritten + 1000);
            Files.setLastModifiedTime(maildir.newDir().resolve(name), java.nio.file.attribute.FileTime.fromMillis(lastWritten));
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the files in a user's new/ and cur/, each as {@code new/NAME} or {@code cur/NAME}, sorted. */
    public List<String> mailFiles(String localPart) {
        Maildir maildir = maildir(localPart);
        List<String> names = new ArrayList<>();
        for (Path dir : new Path[] {maildir.newDir(), maildir.cur()}) {
            if (!Files.isDirectory(dir)) continue;
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                stream.forEach(f -> names.add(dir.getFileName() + "/" + f.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        names.sort(null);
        return names;
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
