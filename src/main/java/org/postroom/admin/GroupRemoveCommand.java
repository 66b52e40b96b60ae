package org.postroom.admin;

import org.postroom.directory.Directory;
import org.postroom.message.MailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom group remove ADDRESS}. */
@Command(name = "remove", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Remove a group, and its place in aliases, other groups and catch-alls.")
final class GroupRemoveCommand extends DirectoryCommand {

    @Parameters(paramLabel = "ADDRESS", description = "The group; a bare name means the only local domain.")
    String address;

    @Override
    int run(Directory dir, Output out) {
        MailAddress group = Args.address(dir, address);
        out.result(book(dir).removeGroup(actor(), group), "removed group " + group);
        return ExitCodes.OK;
    }
}
