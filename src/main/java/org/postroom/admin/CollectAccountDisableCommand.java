package org.postroom.admin;

import java.io.IOException;
import org.postroom.service.CollectorViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom collect account disable NAME}: disables an account kept in the database, at once. */
@Command(name = "disable", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Disable a collect account kept in the database; the running server takes it at once.")
final class CollectAccountDisableCommand extends CollectBaseCommand {
    @Parameters(paramLabel = "NAME", description = "The account.")
    String name;

    @Override
    int collect(Setup setup, Output out) throws IOException {
        CollectorViews.Account a = service(setup).setEnabled(who(), name, false);
        out.result(a, "collect account " + a.account() + " disabled");
        return ExitCodes.OK;
    }
}
