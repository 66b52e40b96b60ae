package org.postroom.admin;

import static org.postroom.admin.UserListCommand.yesNo;

import java.util.List;
import org.postroom.directory.Directory;
import org.postroom.directory.User;
import org.postroom.service.DirectoryViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom user show ADDRESS}: one user, with the groups and aliases that name them directly. */
@Command(name = "show", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "Show one user.")
final class UserShowCommand extends DirectoryCommand {

    @Parameters(paramLabel = "ADDRESS", description = "The user's address or unambiguous login.")
    String address;

    @Override
    int run(Directory dir, Output out) {
        User u = Args.user(dir, address);
        String key = u.address().key();
        List<String> groups = dir.groups().stream()
                .filter(g -> g.members().stream().anyMatch(m -> m.key().equals(key)))
                .map(g -> g.address().toString()).toList();
        List<String> aliases = dir.aliases().stream()
                .filter(a -> a.targets().stream().anyMatch(t -> t.key().equals(key)))
                .map(a -> a.address().toString()).toList();
        if (out.isJson()) {
            out.json(users(dir).show(u.address()));
            return ExitCodes.OK;
        }
        out.fields(List.of(
                List.of("address", u.address().toString()),
                List.of("name", u.displayName()),
                List.of("status", u.enabled() ? "enabled" : "disabled"),
                List.of("internal-only", yesNo(u.internalOnly())),
                List.of("quota", Sizes.format(u.quotaBytes())),
                List.of("pop3", DirectoryViews.pop3Access(u)),
                List.of("imap", DirectoryViews.imapAccess(u)),
                List.of("admin", yesNo(u.admin())),
                List.of("groups", String.join(", ", groups)),
                List.of("aliases", String.join(", ", aliases))));
        return ExitCodes.OK;
    }
}
