package org.postroom.admin;

import org.postroom.directory.Directory;
import org.postroom.message.MailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code postroom user passwd ADDRESS}: a new password, asked like {@code user add} asks. */
@Command(name = "passwd", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "Set a user's password.")
final class UserPasswdCommand extends DirectoryCommand {

    @Parameters(paramLabel = "ADDRESS", description = "The user's address or unambiguous login.")
    String address;

    @Option(names = "--password-stdin", description = "Read the password as one line from standard input.")
    boolean passwordStdin;

    @Override
    int run(Directory dir, Output out) {
        // Looked up before asking for the password, so a typo does not cost the administrator two prompts.
        MailAddress user = Args.user(dir, address).address();
        char[] password = PasswordInput.read(passwordStdin);
        out.result(users(dir).setPassword(actor(), user, password), "changed the password of " + user);
        return ExitCodes.OK;
    }
}
