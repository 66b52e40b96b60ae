package org.postroom.admin;

import java.util.List;
import org.postroom.directory.Directory;
import org.postroom.message.MailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom alias add ADDRESS TARGET...}: creates the alias, or adds targets to it. */
@Command(name = "add", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Add an alias, or more targets to an existing alias. Targets in a local domain must exist.")
final class AliasAddCommand extends DirectoryCommand {

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "The alias; a bare name means the only local domain.")
    String address;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TARGET", description = "Where its mail goes.")
    List<String> targets;

    @Override
    int run(Directory dir, Output out) {
        MailAddress alias = Args.address(dir, address);
        List<MailAddress> to = Args.addresses(dir, targets);
        boolean exists = dir.findAlias(alias).isPresent();
        var book = book(dir);
        var result = exists ? book.addAliasTargets(actor(), alias, to) : book.addAlias(actor(), alias, to);
        out.result(result, (exists ? "updated alias " : "added alias ") + result.address() + " -> " + String.join(", ", result.targets()));
        return ExitCodes.OK;
    }
}
