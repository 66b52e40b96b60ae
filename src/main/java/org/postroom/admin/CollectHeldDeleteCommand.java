package org.postroom.admin;

import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom collect held delete ACCOUNT ID}: deletes a held message for good. */
@Command(name = "delete", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Delete a held message for good.")
final class CollectHeldDeleteCommand extends CollectBaseCommand {
    @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The account that held it.")
    String account;

    @Parameters(index = "1", paramLabel = "ID", description = "Its id, as `collect held list` shows it.")
    String id;

    @Override
    int collect(Setup setup, Output out) throws IOException {
        service(setup).deleteHeld(who(), account, id);
        out.result(Map.of("account", account, "deleted", id), "deleted held message " + id);
        return ExitCodes.OK;
    }
}
