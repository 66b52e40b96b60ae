package org.postroom.admin;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.postroom.collect.Sorting;
import org.postroom.message.MailAddress;
import org.postroom.service.CollectorViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code postroom collect ...}: the provider mailboxes the collector empties. {@code postroom collect ACCOUNT
 * --dry-run} logs in and shows, per message, where it would go, delivering and deleting nothing.
 */
@Command(name = "collect", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Collect mail from the provider's POP3 mailboxes: run a cycle now, show the status, manage the accounts, test one, "
                + "review held messages, or try the sorting with --dry-run.",
        subcommands = {CollectNowCommand.class, CollectStatusCommand.class, CollectAccountCommand.class, CollectTestCommand.class,
            CollectHeldCommand.class})
public final class CollectCommand extends CollectBaseCommand {

    @Parameters(paramLabel = "ACCOUNT", arity = "0..1", description = "The account to try with --dry-run.")
    String account;

    @Option(names = "--dry-run", description = "Log in and read the mailbox; print per message the recipients it would get. Delivers and deletes nothing.")
    boolean dryRun;

    @Override
    int collect(Setup setup, Output out) throws IOException {
        if (account == null || !dryRun) throw new UsageError("say `collect now [ACCOUNT]`, `collect status` or `collect ACCOUNT --dry-run`");
        CollectorViews.DryRun run = service(setup).dryRun(account);
        if (out.isJson()) {
            out.json(run);
        } else {
            for (Sorting s : run.messages()) out.line(describe(s));
            out.line(run.messages().size() + " message(s); envelope headers the provider writes: "
                    + (run.envelopeHeadersSeen().isEmpty() ? "none seen" : String.join(", ", run.envelopeHeadersSeen()))
                    + "; one copy per recipient: " + (run.oneCopyPerRecipient() ? "yes (the same Message-ID more than once)" : "not seen"));
            if (run.error() != null) out.line("error: " + run.error());
        }
        return run.error() != null ? ExitCodes.UNAVAILABLE : ExitCodes.OK;
    }

    private static String describe(Sorting s) {
        StringBuilder line = new StringBuilder("#").append(s.number()).append(" uidl=").append(s.uidl());
        if (s.alreadyStored()) return line.append(" already collected (waiting to be deleted or kept at the provider)").toString();
        line.append(" id=").append(s.messageId().isEmpty() ? "(none)" : s.messageId()).append(" rule=\"").append(s.rule()).append('"');
        if (!s.deliverTo().isEmpty()) line.append(" deliver=").append(join(s.deliverTo()));
        if (!s.duplicates().isEmpty()) line.append(" duplicate=").append(join(s.duplicates()));
        if (!s.unresolved().isEmpty()) line.append(" unresolved=").append(join(s.unresolved()));
        if (!s.foreign().isEmpty()) line.append(" foreign=").append(join(s.foreign()));
        if (!s.unresolvedTo().isEmpty()) line.append(" -> ").append(s.unresolvedTo());
        if (!s.why().isEmpty() && !s.why().equals(s.rule())) line.append(" (").append(s.why()).append(')');
        return line.toString();
    }

    private static String join(List<MailAddress> addresses) {
        return addresses.stream().map(MailAddress::toString).collect(Collectors.joining(","));
    }
}
