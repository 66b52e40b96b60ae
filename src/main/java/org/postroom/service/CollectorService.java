package org.postroom.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.postroom.collect.AccountCollector;
import org.postroom.collect.Collector;
import org.postroom.collect.AccountTest;
import org.postroom.collect.CollectControl;
import org.postroom.collect.CollectLedger;
import org.postroom.collect.CycleReport;
import org.postroom.collect.HeldMail;
import org.postroom.collect.Sorting;
import org.postroom.collect.StoredAccounts;
import org.postroom.config.CollectAccount;
import org.postroom.config.CollectTables;
import org.postroom.config.ConfigException;
import org.postroom.message.MailAddress;
import org.postroom.pop3.client.Pop3Timeouts;

/**
 * The collector's administration, for the CLI, the API and the console alike: the accounts (postroom.toml's, read
 * only, and the database's, which are added, edited, enabled, disabled and removed here and taken by the running
 * collector at once), "test account", "collect now", the recent cycles, the dry run, and the held messages.
 * Every change is audited ({@link Audit}); a password is never returned.
 */
public final class CollectorService {
    public static final String FILE = "postroom.toml";
    public static final String DATABASE = "database";

    private final Supplier<List<CollectAccount>> fileAccounts;
    private final StoredAccounts stored;
    private final CollectLedger ledger;
    private final Path dataDir;
    private final CollectorRuntime runtime;
    private final Audit audit;
    private final Pop3Timeouts timeouts;
    private final Clock clock;

    /** @param fileAccounts the accounts of postroom.toml as the collector runs them (a reload may change them) */
    public CollectorService(Supplier<List<CollectAccount>> fileAccounts, StoredAccounts stored, CollectLedger ledger, Path dataDir,
            CollectorRuntime runtime, Audit audit, Pop3Timeouts timeouts, Clock clock) {
        this.fileAccounts = fileAccounts;
        this.stored = stored;
        this.ledger = ledger;
        this.dataDir = dataDir;
        this.runtime = runtime;
        this.audit = audit;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    /** Every account, the file's first, each with its last cycle. */
    public List<CollectorViews.Account> accounts() {
        List<CollectorViews.Account> out = new ArrayList<>();
        Map<String, Boolean> inFile = new HashMap<>();
        for (CollectAccount a : fileAccounts.get()) {
            inFile.put(a.name(), true);
            out.add(view(a, FILE, CollectTables.settingsOf(a), !a.password().isEmpty(), null));
        }
        for (StoredAccounts.Row r : stored.rows()) {
            String problem = inFile.containsKey(r.name()) ? "postroom.toml has an account of the same name, which is the one collected"
                    : r.problem().orElse(null);
            if (r.account().isPresent()) {
                out.add(view(r.account().get(), DATABASE, r.settings(), r.hasPassword(), problem));
            } else {
                out.add(new CollectorViews.Account(r.name(), DATABASE, false, "", "", "", r.hasPassword(), r.settings(), problem, last(r.name())));
            }
        }
        return out;
    }

    public CollectorViews.Account account(String name) {
        return accounts().stream().filter(a -> a.account().equals(name)).findFirst().orElseThrow(() -> notFound(name));
    }

    private CollectorViews.Account view(CollectAccount a, String source, ObjectNode settings, boolean passwordSet, String problem) {
        return new CollectorViews.Account(a.name(), source, a.enabled(), a.server().host() + ":" + a.server().port(), a.login(),
                a.mode() == CollectAccount.Mode.SINGLE_DROP ? "single-drop" : "multi-drop", passwordSet, settings, problem, last(a.name()));
    }

    private CollectorViews.Cycle last(String name) {
        return ledger.status(name).map(CollectorViews.Cycle::of).orElse(null);
    }

    /** Adds an account to the database; the running collector starts it at once (its first cycle now, when enabled). */
    public CollectorViews.Account add(String who, String name, JsonNode settings, String password) {
        return audit.run(who, "collect.account.add", name, () -> {
            if (!CollectTables.validName(name)) throw invalid("an account's name is letters, digits, '.', '_' or '-' (at most 64): \"" + name + "\"");
            if (inFile(name)) throw conflict("postroom.toml has an account \"" + name + "\" already");
            ObjectNode checked = check(name, settings, password);
            if (!stored.insert(name, checked, password, clock.instant())) throw conflict("there is an account \"" + name + "\" already");
            applied();
            return account(name);
        });
    }

    /**
     * Changes an account kept in the database: {@code changes} holds the keys to set (a JSON null puts a key back to
     * its default); {@code password}, when present, replaces the password. Taken by the running collector at once.
     */
    public CollectorViews.Account update(String who, String name, JsonNode changes, Optional<String> password) {
        return audit.run(who, "collect.account.set", name, Map.of("keys", keys(changes)), () -> {
            StoredAccounts.Row row = storedRow(name);
            if (!changes.isObject()) throw invalid("the settings must be a JSON object");
            ObjectNode merged = row.settings().deepCopy();
            changes.properties().forEach(e -> {
                if (e.getValue().isNull()) merged.remove(e.getKey());
                else merged.set(e.getKey(), e.getValue());
            });
            // An unchanged password is checked as what it is: only its presence matters to the rules.
            check(name, merged, password.orElse(row.hasPassword() ? "unchanged" : ""));
            stored.update(name, merged, password, clock.instant());
            applied();
            return account(name);
        });
    }

    public CollectorViews.Account setEnabled(String who, String name, boolean enabled) {
        return audit.run(who, enabled ? "collect.account.enable" : "collect.account.disable", name, () -> {
            StoredAccounts.Row row = storedRow(name);
            ObjectNode merged = row.settings().deepCopy();
            merged.put("enabled", enabled);
            stored.update(name, merged, Optional.empty(), clock.instant());
            applied();
            return account(name);
        });
    }

    /** Removes an account kept in the database; a cycle of it that runs finishes its message and stops. */
    public void remove(String who, String name) {
        audit.run(who, "collect.account.remove", name, () -> {
            storedRow(name);
            stored.delete(name);
            applied();
        });
    }

    /** Logs in to the provider and reports each step and the header profile; changes nothing there. */
    public AccountTest.Report test(String name) {
        return AccountTest.run(runnable(name), dataDir, timeouts);
    }

    /** The same for settings not saved yet (the console's "test" before "add"). */
    public AccountTest.Report test(JsonNode settings, String password) {
        ObjectNode checked = check("test", settings, password);
        return AccountTest.run(CollectTables.fromSettings("test", checked, password), dataDir, timeouts);
    }

    /** A cycle now, for one account or all, through the collector that runs (or here, when no server runs). */
    public CollectControl.Reply collectNow(String who, Optional<String> name) {
        name.ifPresent(this::runnable);
        return audit.run(who, "collect.now", name.orElse("all"), () -> {
            CollectControl.Reply reply = runtime.ask(CollectControl.Request.collect(name));
            // The collector said no: it has no such account (its configuration is older than the file's), or it is
            // busy or did not answer in time (the cycle may still run): a conflict with its state, not our bug.
            if (!reply.ok()) {
                boolean unknown = reply.message().startsWith("no collect account");
                throw new CollectorException(unknown ? CollectorException.Kind.NOT_FOUND : CollectorException.Kind.CONFLICT, reply.message());
            }
            return reply;
        });
    }

    /** The account's recent cycles, newest first. */
    public List<CollectorViews.Cycle> cycles(String name, int limit) {
        account(name);
        return ledger.cycles(name, Math.max(1, Math.min(limit, 50))).stream().map(CollectorViews.Cycle::of).toList();
    }

    /** Logs in and decides for each message where it would go, delivering and deleting nothing. */
    public CollectorViews.DryRun dryRun(String name) {
        runnable(name);
        AccountCollector.Outcome outcome;
        try {
            outcome = runtime.dryRun(name).orElseThrow(() -> notFound(name));
        } catch (Collector.CycleRunning e) {
            throw conflict(e.getMessage());
        }
        return new CollectorViews.DryRun(name, outcome.report().error().orElse(null), outcome.sortings(), headersSeen(outcome.sortings()),
                copyPerRecipient(outcome.sortings()));
    }

    public List<CollectorViews.Held> held() {
        try {
            return HeldMail.list(dataDir).stream().map(CollectorViews.Held::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Delivers a held message to a local address (through the running server's intake) and removes it from the held ones. */
    public String deliverHeld(String who, String account, String id, MailAddress to) {
        return audit.run(who, "collect.held.deliver", account + "/" + id, Map.of("to", to.toString()), () -> {
            heldOne(account, id);
            CollectControl.Reply reply = runtime.ask(CollectControl.Request.deliver(account, id, to.toString()));
            if (!reply.ok()) throw invalid(reply.message());
            return reply.message();
        });
    }

    public void deleteHeld(String who, String account, String id) {
        audit.run(who, "collect.held.delete", account + "/" + id, () -> {
            heldOne(account, id);
            try {
                HeldMail.delete(dataDir, account, id);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void heldOne(String account, String id) {
        try {
            HeldMail.find(dataDir, account, id);
        } catch (IllegalArgumentException e) {
            throw new CollectorException(CollectorException.Kind.NOT_FOUND, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Which envelope headers the dry run found recipients by, in the order first seen. */
    static List<String> headersSeen(List<Sorting> sortings) {
        List<String> seen = new ArrayList<>();
        for (Sorting s : sortings) {
            if (s.rule().startsWith("envelope header ")) {
                String h = s.rule().substring("envelope header ".length());
                if (!seen.contains(h)) seen.add(h);
            }
        }
        return seen;
    }

    /** The same Message-ID more than once: the provider leaves one copy per recipient. */
    static boolean copyPerRecipient(List<Sorting> sortings) {
        Map<String, Integer> counts = new HashMap<>();
        for (Sorting s : sortings) {
            if (!s.messageId().isEmpty()) counts.merge(s.messageId(), 1, Integer::sum);
        }
        return counts.values().stream().anyMatch(n -> n > 1);
    }

    /** The running collector takes the database's accounts again; a server that does not answer takes them at its start. */
    private void applied() {
        CollectControl.Reply reply = runtime.ask(CollectControl.Request.reread());
        if (!reply.ok()) throw new CollectorNotApplied("saved, but the running collector did not take it: " + reply.message());
    }

    /** An account as the collector would run it: the file's, or a stored one that loads. */
    private CollectAccount runnable(String name) {
        for (CollectAccount a : fileAccounts.get()) if (a.name().equals(name)) return a;
        StoredAccounts.Row row = stored.row(name).orElseThrow(() -> notFound(name));
        return row.account().orElseThrow(() -> invalid("account \"" + name + "\" cannot be used: " + row.problem().orElse("?")));
    }

    private StoredAccounts.Row storedRow(String name) {
        if (inFile(name)) throw conflict("account \"" + name + "\" is in postroom.toml: change it there, then `postroom reload`");
        return stored.row(name).orElseThrow(() -> notFound(name));
    }

    private boolean inFile(String name) {
        return fileAccounts.get().stream().anyMatch(a -> a.name().equals(name));
    }

    /** Checks settings by the file's rules; returns them without the keys given apart. */
    private static ObjectNode check(String name, JsonNode settings, String password) {
        if (!settings.isObject()) throw invalid("the settings must be a JSON object");
        try {
            CollectTables.fromSettings(name, settings, password);
        } catch (ConfigException e) {
            throw invalid(e.getMessage());
        }
        return ((ObjectNode) settings).deepCopy();
    }

    private static String keys(JsonNode changes) {
        List<String> names = new ArrayList<>();
        if (changes.isObject()) changes.fieldNames().forEachRemaining(names::add);
        return String.join(",", names);
    }

    private static CollectorException notFound(String name) {
        return new CollectorException(CollectorException.Kind.NOT_FOUND, "no collect account \"" + name + "\"");
    }

    private static CollectorException conflict(String message) {
        return new CollectorException(CollectorException.Kind.CONFLICT, message);
    }

    private static CollectorException invalid(String message) {
        return new CollectorException(CollectorException.Kind.INVALID, message);
    }
}
