package org.postroom.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.postroom.service.CollectorViews;
import picocli.CommandLine.Command;

/** {@code postroom collect held list}: every held message, with why nobody took it. */
@Command(name = "list", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "List the held messages: account, id, when, size, sender, subject, and why nobody local took it.")
final class CollectHeldListCommand extends CollectBaseCommand {
    @Override
    int collect(Setup setup, Output out) throws IOException {
        List<CollectorViews.Held> held = service(setup).held();
        if (out.isJson()) {
            out.json(held);
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (CollectorViews.Held h : held) {
            rows.add(List.of(h.account(), h.id(), h.heldAt(), Sizes.format(h.size()), h.from(), h.subject(), h.why()));
        }
        if (rows.isEmpty()) out.line("no held messages");
        else out.table(List.of("ACCOUNT", "ID", "HELD", "SIZE", "FROM", "SUBJECT", "WHY"), rows);
        return ExitCodes.OK;
    }
}
