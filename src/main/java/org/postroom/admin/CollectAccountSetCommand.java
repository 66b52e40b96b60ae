package org.postroom.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postroom.service.CollectorViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code postroom collect account set NAME KEY=VALUE... [--password]}: changes an account kept in the database. */
@Command(name = "set", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = {"Change a collect account kept in the database: KEY=VALUE sets a key, KEY= puts it back to its default;",
            "--password asks for a new password (or reads it with --password-stdin). Taken by the running server at once."})
final class CollectAccountSetCommand extends CollectBaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The account.")
    String name;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", arity = "0..*", description = "The settings to change.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--password", description = "Set a new password (asked for at the terminal).")
    boolean password;

    @Option(names = "--password-stdin", description = "Set a new password, read as one line from standard input.")
    boolean passwordStdin;

    @Override
    int collect(Setup setup, Output out) throws IOException {
        if (settings.isEmpty() && !password && !passwordStdin) throw new UsageError("nothing to change: give KEY=VALUE or --password");
        Optional<String> newPassword = password || passwordStdin ? Optional.of(new String(PasswordInput.read(passwordStdin))) : Optional.empty();
        CollectorViews.Account changed = service(setup).update(who(), name, SettingArgs.parse(settings), newPassword);
        out.result(changed, "changed collect account " + changed.account() + (changed.enabled() ? "" : " (disabled)"));
        return ExitCodes.OK;
    }
}
