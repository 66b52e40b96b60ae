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
        dir.setEnabled(user, false);
        out.result(Views.UserView.of(dir.findUser(user).orElseThrow()), "disabled " + user);
        return ExitCodes.OK;
    }
}
