package org.postroom.admin;

import java.util.List;
import org.postroom.directory.Directory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom group member-add GROUP MEMBER...}: all or none are added. */
@Command(name = "member-add", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Add members to a group. Members in a local domain must exist; present members are kept as they are.")
final class GroupMemberAddCommand extends DirectoryCommand {

    @Parameters(index = "0", paramLabel = "GROUP", description = "The group; a bare name means the only local domain.")
    String group;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "MEMBER", description = "Users, aliases, groups or outside addresses.")
    List<String> members;

    @Override
    int run(Directory dir, Output out) {
        var result = book(dir).addMembers(actor(), Args.address(dir, group), Args.addresses(dir, members));
        out.result(result, "group " + result.address() + " has " + result.members().size() + " members");
        return ExitCodes.OK;
    }
}
