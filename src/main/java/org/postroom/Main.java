package org.postroom;

import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalInt;
import org.postroom.admin.RemoteCommand;
import org.postroom.admin.StartCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code postroom} command: the server ({@code start}) and the administrator's commands, one class each. */
@Command(name = "postroom",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Postroom, the mail server of an office network.",
        subcommands = {StartCommand.class, org.postroom.admin.UserCommand.class, org.postroom.admin.AliasCommand.class,
                org.postroom.admin.GroupCommand.class, org.postroom.admin.DomainCommand.class, org.postroom.admin.QueueCommand.class,
                org.postroom.admin.CollectCommand.class, org.postroom.admin.AuthCommand.class,
                org.postroom.admin.ReloadCommand.class, org.postroom.admin.TraceCommand.class, org.postroom.admin.StatsCommand.class,
                org.postroom.admin.TokenCommand.class, org.postroom.admin.RelayCommand.class, org.postroom.admin.ConfigCommand.class,
                org.postroom.admin.BackupCommand.class, org.postroom.admin.RestoreCommand.class})
public final class Main {

    public static void main(String[] args) {
        // A line the running server can run is handed to it (RemoteCommand): this JVM then builds and opens nothing.
        OptionalInt inServer = RemoteCommand.tryInServer(List.of(args), System::getenv, System.out, System.err);
        System.exit(inServer.isPresent() ? inServer.getAsInt() : run(args));
    }

    /** Runs one command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return CommandTree.forLine(args).execute(args);
    }

    /** Runs one command line with its output and errors going to {@code out} and {@code err}: the server does, for a client. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return CommandTree.forLine(args).setOut(out).setErr(err).execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"Postroom " + (version == null ? "(development build)" : version)};
        }
    }
}
