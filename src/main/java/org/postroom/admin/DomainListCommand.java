package org.postroom.admin;

import java.util.List;
import org.postroom.directory.Directory;
import org.postroom.directory.Domain;
import org.postroom.message.MailAddress;
import org.postroom.service.DirectoryViews;
import picocli.CommandLine.Command;

/** {@code postroom domain list}. */
@Command(name = "list", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "List the local domains.")
final class DomainListCommand extends DirectoryCommand {

    @Override
    int run(Directory dir, Output out) {
        List<Domain> domains = dir.domains();
        if (out.isJson()) {
            out.json(domains.stream().map(DirectoryViews.DomainView::of).toList());
        } else {
            out.table(List.of("DOMAIN", "CATCH-ALL"), domains.stream()
                    .map(d -> List.of(d.name(), d.catchAll().map(MailAddress::toString).orElse("-"))).toList());
        }
        return ExitCodes.OK;
    }
}
