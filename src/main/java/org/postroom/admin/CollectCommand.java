package org.postroom.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.postroom.collect.AccountCollector;
import org.postroom.collect.Sorting;
import org.postroom.message.MailAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code postroom collect ...}: the provider mailboxes the collector empties. {@code postroom collect ACCOUNT
 * --dry-run} logs in and shows, per message, where it would go, delivering and deleting nothing.
 */
@Command(name = "collect", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Collect mail from the provider's POP3 mailboxes: run a cycle now, show the status, or try the sorting with --dry-run.",
        subcommands = {CollectNowCommand.class, CollectStatusCommand.class})
public final class CollectCommand extends CollectBaseCommand {

    @Parameters(paramLabel = "ACCOUNT", arity = "0..1", description = "The account to try with --dry-run.")
    String account;

    @Option(names = "--dry-run", description = "Log in and read the mailbox; print per message the recipients it would get. Delivers and deletes nothing.")
    boolean dryRun;

    @Override
    int collect(Setup setup, Output out) throws IOException {
        if (account == null || !dryRun) throw new UsageError("say `collect now [ACCOUNT]`, `collect status` or `collect ACCOUNT --dry-run`");
        AccountCollector collector = collector(setup).account(account)
                .orElseThrow(() -> new UsageError("no collect account \"" + account + "\" in postroom.toml"));
        AccountCollector.Outcome outcome = collector.run(AccountCollector.Run.DRY_RUN);
        if (out.isJson()) {
            Map<String, Object> json = new HashMap<>();
            json.put("account", account);
            json.put("error", outcome.report().error().orElse(null));
            json.put("messages", outcome.sortings());
            json.put("envelope_headers_seen", headersSeen(outcome.sortings()));
            json.put("one_copy_per_recipient", copyPerRecipient(outcome.sortings()));
            out.json(json);
        } else {
            for (Sorting s : outcome.sortings()) out.line(describe(s));
            out.line(outcome.sortings().size() + " message(s); envelope headers the provider writes: "
                    + (headersSeen(outcome.sortings()).isEmpty() ? "none seen" : String.join(", ", headersSeen(outcome.sortings())))
                    + "; one copy per recipient: " + (copyPerRecipient(outcome.sortings()) ? "yes (the same Message-ID more than once)" : "not seen"));
            outcome.report().error().ifPresent(e -> out.line("error: " + e));
        }
        return outcome.report().error().isPresent() ? ExitCodes.UNAVAILABLE : ExitCodes.OK;
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

    private static List<String> headersSeen(List<Sorting> sortings) {
        List<String> seen = new ArrayList<>();
        for (Sorting s : sortings) {
            if (s.rule().startsWith("envelope header ")) {
                String h = s.rule().substring("envelope header ".length());
                if (!seen.contains(h)) seen.add(h);
            }
        }
        return seen;
    }

    private static boolean copyPerRecipient(List<Sorting> sortings) {
        Map<String, Integer> counts = new HashMap<>();
        for (Sorting s : sortings) {
            if (!s.messageId().isEmpty()) counts.merge(s.messageId(), 1, Integer::sum);
        }
        return counts.values().stream().anyMatch(n -> n > 1);
    }
}
