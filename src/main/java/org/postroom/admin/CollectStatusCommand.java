package org.postroom.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.postroom.collect.CycleReport;
import org.postroom.server.LoadedConfig;
import org.postroom.server.ReloadControl;
import org.postroom.service.CollectorViews;
import picocli.CommandLine.Command;

/** {@code postroom collect status}: per account, the last cycle and the next. Never shows a password. */
@Command(name = "status", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Show each collect account's last cycle (when, messages, delivered, unresolved, duplicates, error) and the next.")
final class CollectStatusCommand extends CollectBaseCommand {

    @Override
    int collect(Setup setup, Output out) throws IOException {
        List<CollectorViews.Account> accounts = service(setup).accounts();
        if (!out.isJson() && ReloadControl.serverRuns(setup.folder()) && LoadedConfig.changedOnDisk(setup.folder())) {
            out.line("postroom.toml changed on disk since the running server loaded it: `postroom reload` applies it");
        }
        if (out.isJson()) {
            out.json(accounts);
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (CollectorViews.Account a : accounts) {
            CollectorViews.Cycle last = a.last();
            rows.add(List.of(a.account(), a.source(), a.enabled() ? "yes" : "no", last == null ? "never" : seconds(last.finished()),
                    last == null ? "-" : last.messages() + "/" + last.delivered() + "/" + last.unresolved() + "/" + last.duplicates(),
                    last == null || last.next() == null ? "-" : seconds(last.next()),
                    a.problem() != null ? "not collected: " + a.problem() : last == null || last.error() == null ? "" : last.error()));
        }
        if (rows.isEmpty()) out.line("no collect accounts: add one in postroom.toml or with `postroom collect account add`");
        else out.table(List.of("ACCOUNT", "SOURCE", "ENABLED", "LAST", "MSG/DELIV/UNRES/DUP", "NEXT", "ERROR"), rows);
        return ExitCodes.OK;
    }

    private static String seconds(String instant) {
        return when(java.time.Instant.parse(instant));
    }

    static String line(CycleReport r) {
        return r.account() + ": " + r.messages() + " message(s), " + r.delivered() + " delivered, " + r.unresolved() + " unresolved, "
                + r.duplicates() + " duplicate(s)" + r.error().map(e -> "; error: " + e).orElse("");
    }
}
