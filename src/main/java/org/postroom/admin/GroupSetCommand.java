package org.postroom.admin;

import org.postroom.directory.Directory;
import org.postroom.message.MailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code postroom group set ADDRESS --local-senders-only true|false}: the list policy, as the console and API change it. */
@Command(name = "set", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "Change a group's list policy.")
final class GroupSetCommand extends DirectoryCommand {

    @Parameters(paramLabel = "ADDRESS", description = "The group; a bare name means the only local domain.")
    String address;

    @Option(names = "--local-senders-only", required = true, paramLabel = "true|false", arity = "1",
            description = "Accept mail only from senders in the local domains.")
    boolean localSendersOnly;

    @Override
    int run(Directory dir, Output out) {
        MailAddress group = Args.address(dir, address);
        var result = book(dir).setLocalSendersOnly(actor(), group, localSendersOnly);
        out.result(result, "group " + result.address() + (result.localSendersOnly() ? " takes mail only from local senders" : " takes mail from anyone"));
        return ExitCodes.OK;
    }
}
