package org.postroom.admin;

import java.util.Optional;
import org.postroom.directory.Directory;
import org.postroom.directory.DirectoryException;
import org.postroom.directory.Domain;
import org.postroom.message.MailAddress;
import org.postroom.service.DirectoryViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code postroom domain catch-all DOMAIN [TARGET | --none]}: where mail for unknown local parts goes. Without
 * TARGET or --none it shows the current setting.
 */
@Command(name = "catch-all", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Show, set (TARGET) or clear (--none) where mail for unknown addresses in a domain goes.")
final class DomainCatchAllCommand extends DirectoryCommand {

    @Parameters(index = "0", paramLabel = "DOMAIN", description = "The local domain.")
    String domain;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET", description = "A user, alias, group or outside address.")
    String target;

    @Option(names = "--none", description = "Clear the catch-all: mail for unknown addresses is refused.")
    boolean none;

    @Override
    int run(Directory dir, Output out) {
        if (target != null && none) throw new UsageError("give a TARGET or --none, not both");
        boolean change = target != null || none;
        if (change) book(dir).setCatchAll(actor(), domain, none ? Optional.empty() : Optional.of(Args.address(dir, target)));
        Domain d = dir.findDomain(domain)
                .orElseThrow(() -> new DirectoryException(DirectoryException.Kind.NOT_FOUND, "no domain " + domain));
        String catchAll = d.catchAll().map(MailAddress::toString).orElse("none");
        out.result(DirectoryViews.DomainView.of(d), !change
                ? "catch-all of " + d.name() + ": " + catchAll
                : "catch-all of " + d.name() + " is now " + catchAll);
        return ExitCodes.OK;
    }
}
