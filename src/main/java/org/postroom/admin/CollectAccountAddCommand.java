package org.postroom.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.postroom.service.CollectorViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code postroom collect account add NAME KEY=VALUE...}: a new account in the database, collected at once. */
@Command(name = "add", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = {"Add a collect account, kept in the database: the keys of a [[collect.account]] table as KEY=VALUE",
            "(e.g. host=pop.example.com login=office mode=multi-drop). The password is asked for, or read from --password-stdin.",
            "The running server starts collecting it at once."})
final class CollectAccountAddCommand extends CollectBaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The account's name: letters, digits, '.', '_' or '-'.")
    String name;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Its settings, as in postroom.toml (text needs no quotes).")
    List<String> settings = new ArrayList<>();

    @Option(names = "--password-stdin", description = "Read the provider's password as one line from standard input.")
    boolean passwordStdin;

    @Option(names = "--no-password", description = "The account has no password.")
    boolean noPassword;

    @Override
    int collect(Setup setup, Output out) throws IOException {
        var parsed = SettingArgs.parse(settings);
        String password = noPassword ? "" : new String(PasswordInput.read(passwordStdin));
        CollectorViews.Account added = service(setup).add(who(), name, parsed, password);
        out.result(added, "added collect account " + added.account() + " (" + added.server() + ", " + added.mode()
                + (added.enabled() ? "): collected from now on" : ", disabled)"));
        return ExitCodes.OK;
    }
}
