package org.postroom.admin;

import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom collect account remove NAME}: removes an account kept in the database; its cycle stops at once. */
@Command(name = "remove", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = {"Remove a collect account kept in the database; a cycle of it that runs finishes its message and stops.",
            "What it collected stays remembered: adding it again downloads nothing twice."})
final class CollectAccountRemoveCommand extends CollectBaseCommand {
    @Parameters(paramLabel = "NAME", description = "The account.")
    String name;

    @Override
    int collect(Setup setup, Output out) throws IOException {
        service(setup).remove(who(), name);
        out.result(Map.of("removed", name), "removed collect account " + name);
        return ExitCodes.OK;
    }
}
