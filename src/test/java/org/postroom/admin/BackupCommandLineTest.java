package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.backup.BackupFormat;

/** The command lines of {@code backup} and {@code restore}: formats, the required --data, exit codes of mistakes. */
class BackupCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void theFormatComesFromTheNameUnlessGiven() {
        assertThat(BackupFormat.fromName("office-2026-12-07.tar.zst")).isEqualTo(BackupFormat.TAR_ZST);
        assertThat(BackupFormat.fromName("office.TGZ")).isEqualTo(BackupFormat.TAR_GZ);
        assertThat(BackupFormat.fromName("office")).isEqualTo(BackupFormat.DIR);
        assertThat(BackupFormat.parse("tar.gz")).contains(BackupFormat.TAR_GZ);
        assertThat(BackupFormat.parse("zip")).isEmpty();
    }

    @Test
    void mistakesGetTheUsageExitCode() {
        Cli.Result zip = Cli.run("backup", dir.resolve("x").toString(), "--format", "zip", "--data", dir.toString());
        assertThat(zip.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(zip.err()).contains("--format zip: expected dir, tar.gz or tar.zst");
        assertThat(Cli.run("restore", dir.resolve("x").toString()).code()).as("restore needs --data").isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("backup").code()).as("backup needs DEST").isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aMissingDataFolderOrBackupIsUnavailable() {
        Cli.Result backup = Cli.run("backup", dir.resolve("b.tar.gz").toString(), "--data", dir.resolve("nothing").toString());
        assertThat(backup.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(backup.err()).contains("no data folder at");
        Cli.Result restore = Cli.run("restore", dir.resolve("none.tar.gz").toString(), "--data", dir.resolve("new").toString());
        assertThat(restore.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(restore.err()).contains("no backup at");
    }
}
