package org.postroom.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.postroom.backup.BackupException;
import org.postroom.backup.Restore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code postroom restore SRC --data DIR}: a backup put back onto a stopped server or into a new folder ({@link Restore}). */
@Command(name = "restore", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = {"Put a backup made by `postroom backup` into the data folder DIR. Every file is checked against "
                + "the backup's manifest (size and SHA-256) before anything reaches DIR; a damaged backup changes nothing.",
                "The server must be stopped: a server running on DIR makes the restore refuse.",
                "DIR must be new or empty, unless --force is given: then what DIR holds is deleted once the backup has "
                        + "been checked, and replaced by it."})
public final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "SRC", description = "The backup: its folder, or its .tar.gz / .tar.zst file.")
    Path source;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data folder to restore into.")
    Path data;

    @Option(names = "--force", description = "Replace what DIR holds (set aside once the backup has been checked, deleted once the restored files are in place).")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Restore.Report r = Restore.run(source, data, force);
            out.println("postroom restore: " + r.dataDir() + ": " + r.files() + " files, " + BackupExits.size(r.bytes())
                    + ", checked against the manifest; backup of " + r.created() + " by Postroom " + r.postroomVersion()
                    + ", schema version " + r.schemaVersion());
            for (String note : r.notes()) out.println("postroom restore: " + note);
            out.println("postroom restore: start the server with `postroom start --data " + r.dataDir() + "` (or systemctl start postroom)");
            return ExitCodes.OK;
        } catch (BackupException e) {
            err.println("postroom restore: refused: " + e.getMessage());
            return BackupExits.of(e.kind());
        } catch (IOException e) {
            err.println("postroom restore: failed: " + e);
            return ExitCodes.UNAVAILABLE;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
