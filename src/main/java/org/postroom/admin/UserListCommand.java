package org.postroom.admin;

import java.util.List;
import org.postroom.directory.Directory;
import org.postroom.directory.User;
import org.postroom.service.DirectoryViews;
import picocli.CommandLine.Command;

/** {@code postroom user list}. */
@Command(name = "list", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "List the users.")
final class UserListCommand extends DirectoryCommand {

    @Override
    int run(Directory dir, Output out) {
        List<User> users = dir.users();
        if (out.isJson()) {
            out.json(users(dir).list(java.util.Optional.empty()));
            return ExitCodes.OK;
        }
        out.table(List.of("ADDRESS", "NAME", "STATUS", "INTERNAL-ONLY", "QUOTA", "POP3", "IMAP", "ADMIN"), users.stream()
                .map(u -> List.of(u.address().toString(), u.displayName(), u.enabled() ? "enabled" : "disabled",
                        yesNo(u.internalOnly()), Sizes.format(u.quotaBytes()), DirectoryViews.pop3Access(u),
                        DirectoryViews.imapAccess(u), yesNo(u.admin())))
                .toList());
        return ExitCodes.OK;
    }

    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
