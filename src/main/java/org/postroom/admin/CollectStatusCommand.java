package org.postroom.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postroom.collect.CollectLedger;
import org.postroom.collect.CycleReport;
import org.postroom.config.CollectAccount;
import org.postroom.server.LoadedConfig;
import org.postroom.server.ReloadControl;
import picocli.CommandLine.Command;

/** {@code postroom collect status}: per account, the last cycle and the next. Never shows a password. */
@Command(name = "status", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Show each collect account's last cycle (when, messages, delivered, unresolved, duplicates, error) and the next.")
final class CollectStatusCommand extends CollectBaseCommand {

    @Override
    int collect(Setup setup, Output out) throws IOException {
        CollectLedger ledger = new CollectLedger(setup.db());
        List<Object> json = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (CollectAccount a : setup.config().collect()) {
            Optional<CycleReport> last = ledger.status(a.name());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("account", a.name());
            entry.put("server", a.server().host() + ":" + a.server().port());
            entry.put("login", a.login());
            entry.put("mode", a.mode() == CollectAccount.Mode.SINGLE_DROP ? "single-drop" : "multi-drop");
            entry.put("enabled", a.enabled());
            entry.put("last", last.map(r -> json(r, Optional.empty())).orElse(null));
            json.add(entry);
            rows.add(List.of(a.name(), a.enabled() ? "yes" : "no", last.map(r -> when(r.finished())).orElse("never"),
                    last.map(r -> r.messages() + "/" + r.delivered() + "/" + r.unresolved() + "/" + r.duplicates()).orElse("-"),
                    last.flatMap(CycleReport::next).map(CollectBaseCommand::when).orElse("-"),
                    last.flatMap(CycleReport::error).orElse("")));
        }
        if (!out.isJson() && ReloadControl.serverRuns(setup.folder()) && LoadedConfig.changedOnDisk(setup.folder())) {
            out.line("postroom.toml changed on disk since the running server loaded it: `postroom reload` applies it");
        }
        if (out.isJson()) out.json(json);
        else if (rows.isEmpty()) out.line("no [[collect.account]] in postroom.toml");
        else out.table(List.of("ACCOUNT", "ENABLED", "LAST", "MSG/DELIV/UNRES/DUP", "NEXT", "ERROR"), rows);
        return ExitCodes.OK;
    }

    static Map<String, Object> json(CycleReport r, Optional<String> unused) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", r.account());
        m.put("started", r.started().toString());
        m.put("finished", r.finished().toString());
        m.put("messages", r.messages());
        m.put("delivered", r.delivered());
        m.put("unresolved", r.unresolved());
        m.put("duplicates", r.duplicates());
        m.put("error", r.error().orElse(null));
        m.put("next", r.next().map(Object::toString).orElse(null));
        return m;
    }

    static String line(CycleReport r) {
        return r.account() + ": " + r.messages() + " message(s), " + r.delivered() + " delivered, " + r.unresolved() + " unresolved, "
                + r.duplicates() + " duplicate(s)" + r.error().map(e -> "; error: " + e).orElse("");
    }
}
