package org.postroom.admin;

import org.postroom.directory.Directory;
import org.postroom.message.MailAddress;
import org.postroom.service.DirectoryViews.UserRemoved;
import org.postroom.store.RemovedMailboxes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code postroom user remove ADDRESS [--keep-mail]}. The mailbox is moved to {@code data/removed/} (never deleted:
 * see {@link RemovedMailboxes}), so a user added again with the same address starts empty; {@code --keep-mail} leaves
 * it, for that user to have. Works while the server runs: the user goes first, so no new mail is filed for them, then
 * the folder is moved in one rename.
 */
@Command(name = "remove", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = {"Remove a user, and their place in aliases, groups and catch-alls.",
                "The mailbox is moved out of reach to DATA/removed/DOMAIN/NAME-TIME/ (printed), where the administrator can "
                        + "archive or delete it; a user added later with the same address starts with an empty mailbox.",
                "With --keep-mail the mailbox stays where it is, and a user added later with the same address gets it."})
final class UserRemoveCommand extends DirectoryCommand {

    @Parameters(paramLabel = "ADDRESS", description = "The user; a bare name means the only local domain.")
    String address;

    @Option(names = "--keep-mail", description = "Leave the mailbox in place: a user added again as ADDRESS reads it.")
    boolean keepMail;

    @Override
    int run(Directory dir, Output out) {
        // Not a login lookup: a bare name here means the only local domain, never a guess across domains.
        MailAddress user = Args.address(dir, address);
        UserRemoved removed = users(dir).remove(actor(), user, keepMail);
        out.result(removed, switch (removed.mailbox()) {
            case "kept" -> "removed user " + user + "; the mailbox stays at " + removed.path() + " (a user added again as " + user + " gets it)";
            case "moved" -> "removed user " + user + "; mailbox moved to " + removed.path();
            default -> "removed user " + user + " (no mailbox)";
        });
        return ExitCodes.OK;
    }
}
