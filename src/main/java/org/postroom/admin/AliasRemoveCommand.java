package org.postroom.admin;

import java.util.List;
import org.postroom.directory.Directory;
import org.postroom.message.MailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom alias remove ADDRESS [TARGET...]}: the whole alias, or some of its targets. */
@Command(name = "remove", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Remove an alias, or only the targets given (at least one target must remain).")
final class AliasRemoveCommand extends DirectoryCommand {

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "The alias; a bare name means the only local domain.")
    String address;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "TARGET", description = "Targets to remove; none removes the alias.")
    List<String> targets = List.of();

    @Override
    int run(Directory dir, Output out) {
        MailAddress alias = Args.address(dir, address);
        if (targets.isEmpty()) {
            out.result(book(dir).removeAlias(actor(), alias), "removed alias " + alias);
        } else {
            var result = book(dir).removeAliasTargets(actor(), alias, Args.addresses(dir, targets));
            out.result(result, "updated alias " + result.address() + " -> " + String.join(", ", result.targets()));
        }
        return ExitCodes.OK;
    }
}
