package org.postroom.admin;

import org.postroom.directory.Directory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom domain remove NAME}: refused while anyone still has an address in it. */
@Command(name = "remove", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Remove a local domain. Its users, aliases and groups must be removed first.")
final class DomainRemoveCommand extends DirectoryCommand {

    @Parameters(paramLabel = "NAME", description = "The domain name.")
    String name;

    @Override
    int run(Directory dir, Output out) {
        var removed = book(dir).removeDomain(actor(), name);
        out.result(removed, "removed domain " + removed.removed());
        return ExitCodes.OK;
    }
}
