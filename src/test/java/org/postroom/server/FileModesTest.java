package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.AddressRules;
import org.postroom.message.SpooledMessage;
import org.postroom.testing.CapturedLog;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/**
 * Issue 10 item 13: what Postroom writes is its user's alone. Secrets ({@code postroom.toml}, the database, the TLS
 * key) and mail (Maildir messages, queue files, spill files) are created 0600, their folders 0700, and a secret
 * another program left readable is reported at start.
 */
class FileModesTest {
    private static final String RELAY_NOWHERE = "[relay]\nsmarthosts = [\"127.0.0.1:1\"]\ntls = \"none\"\n";

    @TempDir
    Path dir;

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void aNewDataFolderHasItsConfigurationAndDatabaseForTheOwnerOnly() throws Exception {
        Path data = dir.resolve("fresh");
        new DataFolder(data).initialize("office.test", new AddressRules("+", false));
        assertThat(mode(data.resolve("postroom.toml"))).isEqualTo("rw-------");
        assertThat(mode(data.resolve("postroom.db"))).isEqualTo("rw-------");
        for (String folder : new String[] {"", "mail", "tmp", "logs"}) assertThat(mode(data.resolve(folder))).as(folder).isEqualTo("rwx------");
    }

    @Test
    void aFirstStartAndADeliveryLeaveEveryFileForTheOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        try (TestPostroom postroom = TestPostroom.start(data, RELAY_NOWHERE)) {
            postroom.addUser("alice");
            try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
                smtp.reply();
                smtp.command("EHLO client.office.test");
                smtp.command("MAIL FROM:<alice@office.test>");
                assertThat(smtp.command("RCPT TO:<alice@office.test>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<bob@example.com>")).startsWith("250"); // queued: the smarthost is nowhere
                smtp.command("DATA");
                assertThat(smtp.command("Subject: modes\r\n\r\nsecret\r\n.")).startsWith("250");
            }
            assertThat(postroom.delivered("alice")).hasSize(1);

            List<Path> files = new ArrayList<>();
            List<Path> folders = new ArrayList<>();
            for (String top : new String[] {"mail", "queue", "tls", "tmp", "collect"}) {
                try (Stream<Path> walk = Files.walk(data.resolve(top))) {
                    walk.forEach(p -> (Files.isDirectory(p) ? folders : files).add(p));
                }
            }
            try (Stream<Path> db = Files.list(data)) {
                db.filter(p -> p.getFileName().toString().startsWith("postroom.db")).forEach(files::add);
            }
            assertThat(files).contains(postroom.delivered("alice").getFirst(), data.resolve("tls/key.pem"), data.resolve("postroom.db"));
            assertThat(files).anyMatch(p -> p.getFileName().toString().endsWith(".msg"));
            for (Path file : files) {
                if (file.getFileName().toString().matches("cert\\.pem|.*\\.lock")) continue; // public, or empty
                if (!Files.exists(file)) continue; // the queue rewrote an entry meanwhile (tmp/, then a rename): gone, not exposed
                assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
            }
            for (Path folder : folders) assertThat(mode(folder)).as(folder.toString()).isEqualTo("rwx------");
        }
    }

    @Test
    void aSpilledMessageIsForTheOwnerOnly() throws Exception {
        Path spill = dir.resolve("spill");
        try (SpooledMessage message = new SpooledMessage(spill, 16)) {
            message.write(new byte[1024]);
            try (Stream<Path> files = Files.list(spill)) {
                assertThat(files.toList()).singleElement().satisfies(f -> assertThat(mode(f)).isEqualTo("rw-------"));
            }
            assertThat(mode(spill)).isEqualTo("rwx------");
        }
    }

    @Test
    void theStartWarnsAboutSecretsOthersMayRead() throws Exception {
        Path data = dir.resolve("data");
        // A postroom.toml written by hand (as TestPostroom does, 0644) with a provider's password in it.
        String relay = RELAY_NOWHERE.replace("tls = \"none\"\n", "login = \"office\"\npassword = \"s3cret\"\n")
                + "trust = \"pinned\"\nca_file = \"tls/cert.pem\"\n";
        try (CapturedLog log = CapturedLog.start(); TestPostroom postroom = TestPostroom.start(data, relay)) {
            assertThat(mode(postroom.dataDir().resolve("postroom.toml"))).isEqualTo("rw-r--r--");
            assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN " + data.resolve("postroom.toml") + " holds the providers' passwords")
                    && l.contains("rw-r--r--") && l.contains("chmod 600"));
            assertThat(log.lines()).noneMatch(l -> l.contains("postroom.db holds") || l.contains("key.pem holds"));
        }
        Files.setPosixFilePermissions(data.resolve("postroom.toml"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(data.resolve("postroom.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(data.resolve("tls/key.pem"), PosixFilePermissions.fromString("rw-r-----"));
        try (CapturedLog log = CapturedLog.start(); TestPostroom postroom = TestPostroom.start(data)) {
            assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN " + postroom.dataDir().resolve("postroom.db") + " holds the users' password hashes"));
            assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN " + data.resolve("tls/key.pem") + " holds the TLS private key")
                    && l.contains("rw-r-----"));
            assertThat(log.lines()).noneMatch(l -> l.contains("postroom.toml holds"));
        }
    }
}
