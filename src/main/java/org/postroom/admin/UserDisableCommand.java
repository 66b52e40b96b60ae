package org.postroom.admin;

import org.postroom.directory.Directory;
import org.postroom.message.MailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom user disable ADDRESS}: refuses mail and logins; keeps the mailbox and the settings. */
@Command(name = "disable", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Disable a user: mail to them is refused and they cannot log in; the mailbox is kept.")
final class UserDisableCommand extends DirectoryCommand {

    @Parameters(paramLabel = "ADDRESS", description = "The user's address or unambiguous login.")
    String address;

    @Override
    int run(Directory dir, Output out) {
        MailAddress user = Args.user(dir, address).address();
        var c = org.postroom.service.UserService.Changes.none();
        out.result(users(dir).change(actor(), user, new org.postroom.service.UserService.Changes(c.name(), java.util.Optional.of(false), c.internalOnly(),
                c.quotaBytes(), c.pop3(), c.pop3OfficeOnly(), c.imap(), c.imapOfficeOnly(), c.admin())), "disabled " + user);
        return ExitCodes.OK;
    }
}
