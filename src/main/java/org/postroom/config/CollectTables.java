package org.postroom.config;

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

/** Reads {@code [[collect.account]]}: the provider mailboxes the collector empties. */
final class CollectTables {
    private static final String[] KEYS = {"name", "host", "port", "tls", "allow_plaintext", "trust", "ca_file", "login", "password", "login_method", "mode",
        "deliver_to", "domain_mailbox", "envelope_headers", "skip_received", "interval", "hours", "keep", "max_message_size", "oversize",
        "unresolved", "enabled"};

    private CollectTables() {}

    static List<CollectAccount> accounts(ConfigReader r) {
        List<CollectAccount> accounts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigReader.Table t : r.tableArray("collect", "account", KEYS)) {
            String name = t.string("name", "");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) throw t.problem("name", "needed: letters, digits, '.', '_' or '-'");
            if (!names.add(name)) throw t.problem("name", "another account is already called \"" + name + "\"");
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
            accounts.add(new CollectAccount(name, new HostPort(host, port), tls, trust,
                    caFile.isBlank() ? Optional.empty() : Optional.of(Path.of(caFile)), login, password,
                    t.choice("login_method", CollectAccount.LoginMethod.class, CollectAccount.LoginMethod.USER), mode, deliverTo, ignore, headers, skip,
                    interval, hours, keep, maxSize, oversize, unresolved, unresolvedUser, t.bool("enabled", true)));
        }
        return accounts;
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
}
