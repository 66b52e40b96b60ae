package org.postroom.admin;

import java.io.IOException;
import java.util.Map;
import org.postroom.message.MailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom collect held deliver ACCOUNT ID ADDRESS}: delivers a held message to a local address. */
@Command(name = "deliver", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Deliver a held message to a local address (user, alias or group), through the running server; it is then no longer held.")
final class CollectHeldDeliverCommand extends CollectBaseCommand {
    @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The account that held it.")
    String account;

    @Parameters(index = "1", paramLabel = "ID", description = "Its id, as `collect held list` shows it.")
    String id;

    @Parameters(index = "2", paramLabel = "ADDRESS", description = "Who gets it.")
    String address;

    @Override
    int collect(Setup setup, Output out) throws IOException {
        String queueId = service(setup).deliverHeld(who(), account, id, MailAddress.parse(address));
        out.result(Map.of("account", account, "held", id, "to", address, "id", queueId), "delivered " + id + " to " + address + " as " + queueId);
        return ExitCodes.OK;
    }
}
