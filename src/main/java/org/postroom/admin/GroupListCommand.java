package org.postroom.admin;

import java.util.List;
import org.postroom.directory.Directory;
import org.postroom.directory.Group;
import org.postroom.service.DirectoryViews;
import picocli.CommandLine.Command;

/** {@code postroom group list}. */
@Command(name = "list", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "List the groups.")
final class GroupListCommand extends DirectoryCommand {

    @Override
    int run(Directory dir, Output out) {
        List<Group> groups = dir.groups();
        if (out.isJson()) {
            out.json(groups.stream().map(DirectoryViews.GroupView::of).toList());
        } else {
            out.table(List.of("GROUP", "MEMBERS", "LOCAL-SENDERS-ONLY"), groups.stream()
                    .map(g -> List.of(g.address().toString(), Integer.toString(g.members().size()),
                            UserListCommand.yesNo(g.localSendersOnly())))
                    .toList());
        }
        return ExitCodes.OK;
    }
}
