package org.postroom.admin;

import org.postroom.directory.Directory;
import org.postroom.message.MailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom user remove ADDRESS}. The mailbox on disk is left for the administrator to archive or delete. */
@Command(name = "remove", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Remove a user, and their place in aliases, groups and catch-alls. The mailbox files stay.")
final class UserRemoveCommand extends DirectoryCommand {

    @Parameters(paramLabel = "ADDRESS", description = "The user; a bare name means the only local domain.")
    String address;

    @Override
    int run(Directory dir, Output out) {
        // Not a login lookup: a bare name here means the only local domain, never a guess across domains.
        MailAddress user = Args.address(dir, address);
        dir.removeUser(user);
        out.result(new Views.Removed(user.toString(), "user"), "removed user " + user);
        return ExitCodes.OK;
    }
}
