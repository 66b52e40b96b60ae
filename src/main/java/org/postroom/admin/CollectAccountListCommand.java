package org.postroom.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.postroom.service.CollectorViews;
import picocli.CommandLine.Command;

/** {@code postroom collect account list}: every account, where it is kept, and its connection; never a password. */
@Command(name = "list", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "List the collect accounts: source (postroom.toml or database), enabled, server, login, mode; with --format json, every setting.")
final class CollectAccountListCommand extends CollectBaseCommand {
    @Override
    int collect(Setup setup, Output out) throws IOException {
        List<CollectorViews.Account> accounts = service(setup).accounts();
        if (out.isJson()) {
            out.json(accounts);
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (CollectorViews.Account a : accounts) {
            rows.add(List.of(a.account(), a.source(), a.enabled() ? "yes" : "no", a.server(), a.login(), a.mode(), a.passwordSet() ? "set" : "none",
                    a.problem() == null ? "" : a.problem()));
        }
        if (rows.isEmpty()) out.line("no collect accounts");
        else out.table(List.of("ACCOUNT", "SOURCE", "ENABLED", "SERVER", "LOGIN", "MODE", "PASSWORD", "PROBLEM"), rows);
        return ExitCodes.OK;
    }
}
