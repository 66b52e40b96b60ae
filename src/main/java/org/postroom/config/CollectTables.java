package org.postroom.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.postroom.message.AddressSyntaxException;
import org.postroom.message.MailAddress;

/**
 * Reads {@code [[collect.account]]}: the provider mailboxes the collector empties. The same keys, as a JSON object,
 * describe an account kept in the database (added from the console, the API or the CLI): {@link #fromSettings}
 * checks it with the very same rules, so an account means the same wherever it is written.
 */
public final class CollectTables {
    /** Every key of an account, as in the file. */
    public static final List<String> SETTINGS = List.of("name", "host", "port", "tls", "allow_plaintext", "trust", "ca_file", "login", "password",
            "login_method", "mode", "deliver_to", "domain_mailbox", "envelope_headers", "skip_received", "interval", "hours", "keep",
            "max_message_size", "oversize", "unresolved", "enabled");
    private static final String[] KEYS = {"name", "host", "port", "tls", "allow_plaintext", "trust", "ca_file", "login", "password", "login_method", "mode",
        "deliver_to", "domain_mailbox", "envelope_headers", "skip_received", "interval", "hours", "keep", "max_message_size", "oversize",
        "unresolved", "enabled"};

    private CollectTables() {}

    static List<CollectAccount> accounts(ConfigReader r) {
        List<CollectAccount> accounts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigReader.Table t : r.tableArray("collect", "account", KEYS)) {
            CollectAccount account = account(t);
            if (!names.add(account.name())) throw t.problem("name", "another account is already called \"" + account.name() + "\"");
            accounts.add(account);
        }
        return accounts;
    }

    /** Whether {@code name} may name an account: it is used in file names and command lines. */
    public static boolean validName(String name) {
        return name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    }

    /**
     * An account from its keys as a JSON object (the file's keys and types; {@code name} and {@code password} given
     * apart). Throws {@link ConfigException} naming {@code account "NAME"} and the key.
     */
    public static CollectAccount fromSettings(String name, JsonNode settings, String password) {
        if (!settings.isObject()) throw new ConfigException(Path.of("account \"" + name + "\""), 0, "", "must be a JSON object of settings");
        ObjectNode node = ((ObjectNode) settings).deepCopy();
        for (String apart : List.of("name", "password")) {
            if (node.has(apart)) throw new ConfigException(Path.of("account \"" + name + "\""), 0, apart, "given apart, not among the settings");
        }
        node.put("name", name);
        node.put("password", password);
        return account(ConfigReader.object("account \"" + name + "\"", node, KEYS));
    }

    private static CollectAccount account(ConfigReader.Table t) {
        String name = t.string("name", "");
        if (!validName(name)) throw t.problem("name", "needed: letters, digits, '.', '_' or '-'");
        String host = t.string("host", "");
        if (host.isBlank()) throw t.problem("host", "needed: the provider's POP3 server");
        CollectAccount.TlsMode tls = t.choice("tls", CollectAccount.TlsMode.class, CollectAccount.TlsMode.IMPLICIT);
        if (tls == CollectAccount.TlsMode.NONE && !t.bool("allow_plaintext", false)) {
            throw t.problem("tls", "\"none\" sends the password in the clear: also set allow_plaintext = true if you mean it");
        }
        int port = t.port("port", tls == CollectAccount.TlsMode.IMPLICIT ? 995 : 110);
        CollectAccount.Trust trust = t.choice("trust", CollectAccount.Trust.class, CollectAccount.Trust.SYSTEM);
        String caFile = t.string("ca_file", "");
        if (trust != CollectAccount.Trust.SYSTEM && caFile.isBlank()) throw t.problem("ca_file", "needed with this trust: the PEM file to trust");
        String login = t.string("login", "");
        if (login.isBlank()) throw t.problem("login", "needed");
        String password = t.string("password", "");
        CollectAccount.Mode mode = switch (t.string("mode", "single-drop")) {
            case "single-drop" -> CollectAccount.Mode.SINGLE_DROP;
            case "multi-drop" -> CollectAccount.Mode.MULTI_DROP;
            default -> throw t.problem("mode", "must be \"single-drop\" or \"multi-drop\"");
        };
        Optional<MailAddress> deliverTo = address(t, "deliver_to");
        if (mode == CollectAccount.Mode.SINGLE_DROP && deliverTo.isEmpty()) throw t.problem("deliver_to", "needed in single-drop mode");
        Optional<MailAddress> ignore = address(t, "domain_mailbox");
        List<String> headers = t.strings("envelope_headers", CollectAccount.DEFAULT_ENVELOPE_HEADERS);
        for (String h : headers) {
            if (!h.matches("[!-9;-~]+")) throw t.problem("envelope_headers", "\"" + h + "\" is not a header name");
        }
        int skip = t.integer("skip_received", 0, 0, 50);
        Duration interval = t.duration("interval", "5m");
        if (interval.isZero()) throw t.problem("interval", "must be longer than zero");
        String hoursText = t.string("hours", "");
        Optional<OfficeHours> hours;
        try {
            hours = hoursText.isBlank() ? Optional.empty() : Optional.of(OfficeHours.parse(hoursText));
        } catch (IllegalArgumentException e) {
            throw t.problem("hours", e.getMessage());
        }
        String keepText = t.string("keep", "0d").trim().toLowerCase(Locale.ROOT);
        Optional<Duration> keep = keepText.equals("forever") ? Optional.empty() : Optional.of(t.duration("keep", "0d"));
        long maxSize = t.size("max_message_size", 50L << 20, 1024);
        CollectAccount.OversizePolicy oversize = t.choice("oversize", CollectAccount.OversizePolicy.class, CollectAccount.OversizePolicy.SKIP);
        String unresolvedText = t.string("unresolved", "postmaster");
        CollectAccount.Unresolved unresolved;
        Optional<MailAddress> unresolvedUser = Optional.empty();
        switch (unresolvedText.toLowerCase(Locale.ROOT)) {
            case "postmaster" -> unresolved = CollectAccount.Unresolved.POSTMASTER;
            case "hold" -> unresolved = CollectAccount.Unresolved.HOLD;
            default -> {
                unresolved = CollectAccount.Unresolved.USER;
                unresolvedUser = address(t, "unresolved");
            }
        }
        return new CollectAccount(name, new HostPort(host, port), tls, trust,
                caFile.isBlank() ? Optional.empty() : Optional.of(Path.of(caFile)), login, password,
                t.choice("login_method", CollectAccount.LoginMethod.class, CollectAccount.LoginMethod.USER), mode, deliverTo, ignore, headers, skip,
                interval, hours, keep, maxSize, oversize, unresolved, unresolvedUser, t.bool("enabled", true));
    }

    private static Optional<MailAddress> address(ConfigReader.Table t, String key) {
        String text = t.string(key, "");
        if (text.isBlank()) return Optional.empty();
        try {
            return Optional.of(MailAddress.parse(text));
        } catch (AddressSyntaxException e) {
            throw t.problem(key, "\"" + text + "\" is not a mail address: " + e.getMessage());
        }
    }

    /**
     * The settings of {@code a} as the keys of the file (without name and password), each written out even when it
     * is the default: what the console shows, and what an edit of a stored account starts from.
     */
    public static ObjectNode settingsOf(CollectAccount a) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("host", a.server().host());
        n.put("port", a.server().port());
        n.put("tls", lower(a.tls()));
        if (a.tls() == CollectAccount.TlsMode.NONE) n.put("allow_plaintext", true);
        n.put("trust", lower(a.trust()));
        a.caFile().ifPresent(f -> n.put("ca_file", f.toString()));
        n.put("login", a.login());
        n.put("login_method", lower(a.loginMethod()));
        n.put("mode", a.mode() == CollectAccount.Mode.SINGLE_DROP ? "single-drop" : "multi-drop");
        a.deliverTo().ifPresent(d -> n.put("deliver_to", d.toString()));
        a.ignore().ifPresent(d -> n.put("domain_mailbox", d.toString()));
        a.envelopeHeaders().forEach(n.putArray("envelope_headers")::add);
        n.put("skip_received", a.skipReceived());
        n.put("interval", duration(a.interval()));
        n.put("hours", a.hours().map(Object::toString).orElse(""));
        n.put("keep", a.keep().map(CollectTables::duration).orElse("forever"));
        n.put("max_message_size", a.maxMessageSize());
        n.put("oversize", lower(a.oversize()));
        n.put("unresolved", switch (a.unresolved()) {
            case POSTMASTER -> "postmaster";
            case HOLD -> "hold";
            case USER -> a.unresolvedUser().map(Object::toString).orElse("postmaster");
        });
        n.put("enabled", a.enabled());
        return n;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** A duration as the file writes it: the largest unit that divides it ("5m", "30d", "1500ms"). */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
