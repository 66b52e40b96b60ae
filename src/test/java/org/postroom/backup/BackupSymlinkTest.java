package org.postroom.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb's layout (packaging/debian/postinst): {@code DATA/postroom.toml} links to /etc/postroom/postroom.toml and
 * {@code DATA/logs} to /var/log/postroom (here folders under a temporary one). The backup keeps the configuration's
 * content and both links; a restore recreates the links, so that editing the file in /etc still takes effect, writes
 * outside the data folder only where nothing is, and keeps an administrator's file that differs beside the link.
 */
class BackupSymlinkTest {
    private static final String CONFIG = "# config as backed up\n";

    @TempDir
    Path dir;
    Path etcConfig;
    Path varLog;
    Path data;
    Path backup;

    @BeforeEach
    void debLayoutBackedUp() throws Exception {
        etcConfig = dir.resolve("etc/postroom/postroom.toml");
        varLog = dir.resolve("var/log/postroom");
        Files.createDirectories(etcConfig.getParent());
        Files.createDirectories(varLog);
        Files.writeString(etcConfig, CONFIG);
        Files.writeString(varLog.resolve("postroom.log"), "a log line\n");
        data = BackupDataFolders.make(dir.resolve("data"), "deb", false);
        Files.createSymbolicLink(data.resolve("postroom.toml"), etcConfig);
        Files.createSymbolicLink(data.resolve("logs"), varLog);
        backup = BackupDataFolders.backup(data, dir.resolve("backup"));
    }

    @Test
    void theBackupHoldsTheConfigurationAndBothLinks() throws Exception {
        Manifest manifest = Manifest.fromJson(Files.readAllBytes(backup.resolve(Manifest.FILE_NAME)));
        assertThat(manifest.links()).containsExactly(
                new Manifest.Link("logs", varLog.toString(), true),
                new Manifest.Link("postroom.toml", etcConfig.toString(), false));
        assertThat(Files.readString(backup.resolve("data/postroom.toml"))).isEqualTo(CONFIG);
        assertThat(Files.exists(backup.resolve("data/logs/postroom.log"))).as("the logs are left out").isFalse();
    }

    @Test
    void aForcedRestoreOnTheSameMachineKeepsTheLinksAndTheEditedConfiguration() throws Exception {
        Files.writeString(etcConfig, "# edited since the backup\n");
        Restore.Report report = Restore.run(backup, data, true);

        assertThat(Files.readSymbolicLink(data.resolve("postroom.toml"))).isEqualTo(etcConfig);
        assertThat(Files.readSymbolicLink(data.resolve("logs"))).isEqualTo(varLog);
        assertThat(Files.readString(etcConfig)).as("the administrator's file is kept").isEqualTo("# edited since the backup\n");
        assertThat(Files.readString(data.resolve("postroom.toml.from-backup"))).isEqualTo(CONFIG);
        assertThat(report.notes()).singleElement().asString().contains("kept as it is").contains("postroom.toml.from-backup");
        assertThat(Files.readString(varLog.resolve("postroom.log"))).isEqualTo("a log line\n");

        Files.writeString(etcConfig, "# edited after the restore\n");
        assertThat(Files.readString(data.resolve("postroom.toml"))).as("edits in /etc take effect").isEqualTo("# edited after the restore\n");
    }

    @Test
    void aRestoreOfAnUnchangedConfigurationSaysNothing() throws Exception {
        Restore.Report report = Restore.run(backup, data, true);
        assertThat(Files.readSymbolicLink(data.resolve("postroom.toml"))).isEqualTo(etcConfig);
        assertThat(report.notes()).isEmpty();
        assertThat(Files.exists(data.resolve("postroom.toml.from-backup"))).isFalse();
    }

    @Test
    void aRestoreOntoANewMachineWritesTheConfigurationWhereTheLinkPoints() throws Exception {
        Files.delete(etcConfig);
        Files.delete(varLog.resolve("postroom.log"));
        Files.delete(varLog);
        Path fresh = dir.resolve("fresh");
        Restore.Report report = Restore.run(backup, fresh, false);

        assertThat(Files.readSymbolicLink(fresh.resolve("postroom.toml"))).isEqualTo(etcConfig);
        assertThat(Files.readString(etcConfig)).isEqualTo(CONFIG);
        assertThat(Files.isDirectory(fresh.resolve("logs"))).as("the log folder made").isTrue();
        assertThat(report.notes()).hasSize(2).anyMatch(n -> n.contains("wrote the backup's copy there")).anyMatch(n -> n.contains("made it"));
    }

    @Test
    void anArchiveKeepsTheLinksToo() throws Exception {
        Path archive = dir.resolve("backup.tar.zst");
        Backup.run(data, archive, BackupFormat.TAR_ZST, "test", java.time.Clock.systemUTC());
        Path fresh = dir.resolve("fresh");
        Restore.Report report = Restore.run(archive, fresh, false);
        assertThat(Files.readSymbolicLink(fresh.resolve("postroom.toml"))).isEqualTo(etcConfig);
        assertThat(Files.readSymbolicLink(fresh.resolve("logs"))).isEqualTo(varLog);
        assertThat(report.notes()).isEmpty();
    }
}
