package org.postroom.admin;

import java.util.List;
import org.postroom.directory.Alias;
import org.postroom.directory.Directory;
import org.postroom.service.DirectoryViews;
import picocli.CommandLine.Command;

/** {@code postroom alias list}. */
@Command(name = "list", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "List the aliases and their targets.")
final class AliasListCommand extends DirectoryCommand {

    @Override
    int run(Directory dir, Output out) {
        List<Alias> aliases = dir.aliases();
        if (out.isJson()) {
            out.json(aliases.stream().map(DirectoryViews.AliasView::of).toList());
        } else {
            out.table(List.of("ALIAS", "TARGETS"), aliases.stream()
                    .map(a -> List.of(a.address().toString(), String.join(", ", DirectoryViews.strings(a.targets())))).toList());
        }
        return ExitCodes.OK;
    }
}
