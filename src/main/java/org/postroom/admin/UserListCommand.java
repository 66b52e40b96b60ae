package org.postroom.admin;

import java.util.List;
import org.postroom.directory.Directory;
import org.postroom.directory.User;
import picocli.CommandLine.Command;

/** {@code postroom user list}. */
@Command(name = "list", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "List the users.")
final class UserListCommand extends DirectoryCommand {

    @Override
    int run(Directory dir, Output out) {
        List<User> users = dir.users();
        if (out.isJson()) {
            out.json(users.stream().map(Views.UserView::of).toList());
            return ExitCodes.OK;
        }
        out.table(List.of("ADDRESS", "NAME", "STATUS", "INTERNAL-ONLY", "QUOTA", "POP3", "IMAP"), users.stream()
                .map(u -> List.of(u.address().toString(), u.displayName(), u.enabled() ? "enabled" : "disabled",
                        yesNo(u.internalOnly()), Sizes.format(u.quotaBytes()), Views.pop3Access(u),
                        Views.imapAccess(u)))
                .toList());
        return ExitCodes.OK;
    }

    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
