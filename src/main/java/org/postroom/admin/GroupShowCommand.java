package org.postroom.admin;

import java.util.ArrayList;
import java.util.List;
import org.postroom.directory.Directory;
import org.postroom.directory.DirectoryException;
import org.postroom.directory.Group;
import org.postroom.message.MailAddress;
import org.postroom.service.DirectoryViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom group show ADDRESS}: the group and its members, one a line. */
@Command(name = "show", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "Show a group and its members.")
final class GroupShowCommand extends DirectoryCommand {

    @Parameters(paramLabel = "ADDRESS", description = "The group; a bare name means the only local domain.")
    String address;

    @Override
    int run(Directory dir, Output out) {
        MailAddress wanted = Args.address(dir, address);
        Group g = dir.findGroup(wanted)
                .orElseThrow(() -> new DirectoryException(DirectoryException.Kind.NOT_FOUND, "no group " + wanted));
        if (out.isJson()) {
            out.json(DirectoryViews.GroupView.of(g));
            return ExitCodes.OK;
        }
        List<List<String>> fields = new ArrayList<>();
        fields.add(List.of("group", g.address().toString()));
        fields.add(List.of("local-senders-only", UserListCommand.yesNo(g.localSendersOnly())));
        fields.add(List.of("members", Integer.toString(g.members().size())));
        out.fields(fields);
        for (MailAddress member : g.members()) out.line("  " + member);
        return ExitCodes.OK;
    }
}
