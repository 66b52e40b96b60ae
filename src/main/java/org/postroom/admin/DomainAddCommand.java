package org.postroom.admin;

import org.postroom.directory.Directory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom domain add NAME}. */
@Command(name = "add", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "Add a local domain.")
final class DomainAddCommand extends DirectoryCommand {

    @Parameters(paramLabel = "NAME", description = "The domain name, e.g. example.com.")
    String name;

    @Override
    int run(Directory dir, Output out) {
        out.result(book(dir).addDomain(actor(), name), "added domain " + name.toLowerCase(java.util.Locale.ROOT));
        return ExitCodes.OK;
    }
}
