package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postroom.testing.TestPostroom;

/**
 * Backups that went wrong: a damaged or cut archive, a file changed in a folder backup, each refused by
 * {@code postroom restore} with the reason and nothing written into the data folder; and a backup killed midway,
 * which leaves nothing under its final name.
 */
class BackupDamageTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void tearDown() {
        if (postroom != null) postroom.close();
    }

    private Path startWithMail() {
        Path data = dir.resolve("data");
        postroom = TestPostroom.start(data);
        postroom.addUser("alice");
        for (int i = 0; i < 5; i++) postroom.deliver("alice", "Subject: message " + i + "\r\n\r\n" + "line of text\r\n".repeat(2000));
        return data;
    }

    @ParameterizedTest
    @ValueSource(strings = {"office.tar.gz", "office.tar.zst"})
    void aDamagedOrCutArchiveIsRefusedAndNothingIsRestored(String name) throws Exception {
        Path data = startWithMail();
        Path archive = dir.resolve(name);
        Cli.Result backup = Cli.run("backup", archive.toString(), "--data", data.toString());
        assertThat(backup.code()).as(backup.toString()).isZero();
        byte[] good = Files.readAllBytes(archive);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x20;
        Files.write(archive, flipped);
        refused(archive, dir.resolve("flipped"), "");

        Files.write(archive, java.util.Arrays.copyOf(good, good.length / 2));
        refused(archive, dir.resolve("cut"), "");

        Files.write(archive, good);
        Path whole = dir.resolve("whole");
        Cli.Result restore = Cli.run("restore", archive.toString(), "--data", whole.toString());
        assertThat(restore.code()).as(restore.toString()).isZero();
        // --force replaces what the folder holds: a message added since is gone, the backup's are back
        Path extra = whole.resolve("mail/office.test/alice/new/1700000001.extra.host");
        Files.writeString(extra, "Subject: not in the backup\r\n\r\n");
        Files.delete(whole.resolve("postroom.toml"));
        Cli.Result forced = Cli.run("restore", archive.toString(), "--data", whole.toString(), "--force");
        assertThat(forced.code()).as(forced.toString()).isZero();
        assertThat(extra).doesNotExist();
        assertThat(whole.resolve("postroom.toml")).exists();
        assertThat(org.postroom.testing.MailFiles.under(whole.resolve("mail"))).isEqualTo(org.postroom.testing.MailFiles.under(data.resolve("mail")));
    }

    @Test
    void aFileChangedInAFolderBackupIsNamedAndNothingIsRestored() throws Exception {
        Path data = startWithMail();
        Path backup = dir.resolve("office");
        Cli.Result made = Cli.run("backup", backup.toString(), "--data", data.toString(), "--format", "dir");
        assertThat(made.code()).as(made.toString()).isZero();
        assertThat(backup.resolve("manifest.json")).exists();
        assertThat(Files.readString(backup.resolve("SHA256SUMS"))).contains("  data/postroom.db\n", "  manifest.json\n");
        Path message;
        try (Stream<Path> files = Files.list(backup.resolve("data/mail/office.test/alice/new"))) {
            message = files.findFirst().orElseThrow();
        }
        Files.writeString(message, "X", StandardOpenOption.APPEND);
        refused(backup, dir.resolve("target"), "mail/office.test/alice/new/" + message.getFileName() + " does not match the manifest");
    }

    @Test
    void aBackupKilledMidwayLeavesNothingUnderItsName() throws Exception {
        Path data = startWithMail();
        // a big, incompressible message, so that the archive takes seconds to write
        Path big = data.resolve("mail/office.test/alice/new/1700000000.big.host");
        try (OutputStream out = Files.newOutputStream(big)) {
            Random random = new Random(7);
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        Path archive = dir.resolve("backups/office.tar.gz");
        Path partial = dir.resolve("backups/.office.tar.gz.partial.tar");
        Process backup = CliProcess.start("backup", archive.toString(), "--data", data.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(partial) && Files.size(partial) > 0) && backup.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(backup.isAlive()).as("the backup still writes its archive").isTrue();
        backup.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertThat(archive).doesNotExist();
        Cli.Result again = Cli.run("backup", archive.toString(), "--data", data.toString());
        assertThat(again.code()).as(again.toString()).isZero();
        try (Stream<Path> left = Files.list(archive.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).as("the partial files are cleared").containsExactly("office.tar.gz");
        }
        Cli.Result restore = Cli.run("restore", archive.toString(), "--data", dir.resolve("restored").toString());
        assertThat(restore.code()).as(restore.toString()).isZero();
        assertThat(Files.size(dir.resolve("restored/mail/office.test/alice/new/1700000000.big.host"))).isEqualTo(64L << 20);
    }

    private static void refused(Path backup, Path target, String reason) throws Exception {
        Cli.Result restore = Cli.run("restore", backup.toString(), "--data", target.toString());
        assertThat(restore.code()).as(restore.toString()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(restore.err()).startsWith("postroom restore: refused: ").contains(reason);
        try (Stream<Path> entries = Files.list(target)) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList()).as("nothing restored").isEqualTo(List.of("run"));
        }
    }
}
