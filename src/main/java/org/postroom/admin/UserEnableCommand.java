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
        dir.setEnabled(user, true);
        out.result(Views.UserView.of(dir.findUser(user).orElseThrow()), "enabled " + user);
        return ExitCodes.OK;
    }
}
