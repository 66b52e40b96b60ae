package org.postroom.admin;

import java.util.List;
import org.postroom.directory.Directory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom group member-remove GROUP MEMBER...}: all or none are removed. */
@Command(name = "member-remove", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "Remove members from a group.")
final class GroupMemberRemoveCommand extends DirectoryCommand {

    @Parameters(index = "0", paramLabel = "GROUP", description = "The group; a bare name means the only local domain.")
    String group;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "MEMBER", description = "Members to remove.")
    List<String> members;

    @Override
    int run(Directory dir, Output out) {
        var result = book(dir).removeMembers(actor(), Args.address(dir, group), Args.addresses(dir, members));
        out.result(result, "group " + result.address() + " has " + result.members().size() + " members");
        return ExitCodes.OK;
    }
}
