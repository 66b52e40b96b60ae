package org.postroom.admin;

import org.postroom.directory.Directory;
import org.postroom.message.MailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom user enable ADDRESS}: receives mail and may log in again. */
@Command(name = "enable", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "Enable a disabled user.")
final class UserEnableCommand extends DirectoryCommand {

    @Parameters(paramLabel = "ADDRESS", description = "The user's address or unambiguous login.")
    String address;

    @Override
    int run(Directory dir, Output out) {
        MailAddress user = Args.user(dir, address).address();
        var c = org.postroom.service.UserService.Changes.none();
        out.result(users(dir).change(actor(), user, new org.postroom.service.UserService.Changes(c.name(), java.util.Optional.of(true), c.internalOnly(),
                c.quotaBytes(), c.pop3(), c.pop3OfficeOnly(), c.imap(), c.imapOfficeOnly(), c.admin())), "enabled " + user);
        return ExitCodes.OK;
    }
}
