package org.postroom.admin;

import java.util.List;
import org.postroom.directory.Directory;
import org.postroom.message.MailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code postroom group add ADDRESS [MEMBER...]}: the group and its members, or nothing if a member is refused. */
@Command(name = "add", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "Add a group, with its first members.")
final class GroupAddCommand extends DirectoryCommand {

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "The group; a bare name means the only local domain.")
    String address;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "MEMBER", description = "Users, aliases, groups or outside addresses.")
    List<String> members = List.of();

    @Option(names = "--local-senders-only", description = "Accept mail only from senders in the local domains.")
    boolean localSendersOnly;

    @Override
    int run(Directory dir, Output out) {
        MailAddress group = Args.address(dir, address);
        List<MailAddress> initial = Args.addresses(dir, members);
        var result = book(dir).addGroup(actor(), group, localSendersOnly, initial);
        out.result(result, "added group " + result.address()
                + (initial.isEmpty() ? "" : " with " + initial.size() + " members"));
        return ExitCodes.OK;
    }
}
