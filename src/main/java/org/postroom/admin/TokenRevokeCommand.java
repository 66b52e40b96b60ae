package org.postroom.admin;

import java.util.Optional;
import org.postroom.directory.Directory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom token revoke ID}: the token stops working at once. */
@Command(name = "revoke", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "Revoke an API token (its ID from `token list`).")
final class TokenRevokeCommand extends DirectoryCommand {

    @Parameters(paramLabel = "ID", description = "The token's id.")
    long id;

    @Override
    int run(Directory dir, Output out) {
        var revoked = tokens(dir).revoke(actor(), id, Optional.empty());
        out.result(revoked, "revoked token " + revoked.id() + " of " + revoked.user());
        return ExitCodes.OK;
    }
}
