package org.postroom.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.postroom.backup.Backup;
import org.postroom.backup.BackupException;
import org.postroom.backup.BackupFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code postroom backup DEST}: a consistent copy of the data folder, taken while the server runs ({@link Backup}). */
@Command(name = "backup", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = {"Copy the data folder, while the server runs, into DEST: the databases (through SQLite's online "
                + "backup), the mailboxes, the queue, the collector's held mail, postroom.toml and the TLS files, with "
                + "manifest.json (sizes, SHA-256, versions, time) and SHA256SUMS.",
                "DEST must not exist, or be an empty folder. It appears only when the backup is complete.",
                "Put it back with `postroom restore DEST --data DIR`."})
public final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "DEST", description = "Where the backup goes: a folder, or a .tar.gz / .tar.zst file.")
    Path destination;

    // POSTROOM_DATA moves the default, as for every command (the installed command sets /var/lib/postroom).
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${POSTROOM_DATA:-data}", description = "The data folder to back up (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "dir, tar.gz or tar.zst (default: from DEST's name: .tar.gz, .tar.zst, else a folder).")
    String format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            BackupFormat chosen = format == null ? BackupFormat.fromName(destination.getFileName().toString())
                    : BackupFormat.parse(format).orElse(null);
            if (chosen == null) {
                err.println("postroom backup: --format " + format + ": expected dir, tar.gz or tar.zst");
                return ExitCodes.USAGE;
            }
            String version = BackupCommand.class.getPackage().getImplementationVersion();
            Backup.Report r = Backup.run(data, destination, chosen, version == null ? "development build" : version, Clock.systemUTC());
            out.println("postroom backup: " + r.destination() + " (" + r.format().label() + "): " + r.files() + " files, "
                    + BackupExits.size(r.bytes()) + ", " + r.messages() + " messages, schema version " + r.schemaVersion());
            return ExitCodes.OK;
        } catch (BackupException e) {
            err.println("postroom backup: " + e.getMessage());
            return BackupExits.of(e.kind());
        } catch (IOException e) {
            err.println("postroom backup: failed, nothing was written under " + destination + ": " + e);
            return ExitCodes.UNAVAILABLE;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
