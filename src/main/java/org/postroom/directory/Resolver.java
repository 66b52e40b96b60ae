package org.postroom.directory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postroom.config.AddressRules;
import org.postroom.message.MailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a recipient address into the people who receive it: the matching rules (case, recipient delimiter,
 * catch-all) and the expansion of aliases and groups. Runs inside one read transaction, so an expansion sees one
 * version of the directory even while the CLI changes it.
 */
final class Resolver {

    /** Aliases and groups nest at most this deep; deeper chains are almost certainly a mistake, and they are cut off. */
    static final int MAX_DEPTH = 10;

    /**
     * Characters that once meant "route onwards" ({@code user%other@here}, {@code other!user@here}, quoted
     * {@code "user@other"@here}). A local part holding one is never cut at a recipient delimiter, so a delimiter
     * configured as {@code %} cannot bring the percent hack back.
     */
    private static final String ROUTING_CHARACTERS = "%!@";

    private static final Logger LOG = LoggerFactory.getLogger(Resolver.class);

    private final AddressRules rules;

    Resolver(AddressRules rules) {
        this.rules = rules;
    }

    Resolution resolve(Connection c, MailAddress recipient) throws SQLException {
        // Read once: an expansion asks "is this domain ours?" for every target, and the table is a handful of rows.
        Map<String, Domain> domains = new HashMap<>();
        for (Domain d : EntryStore.domains(c)) domains.put(d.name(), d);
        if (!domains.containsKey(recipient.domain())) return Resolution.NOT_LOCAL;
        Optional<Entry> entry = lookup(c, recipient);
        Expansion expansion = new Expansion(c, domains);
        if (entry.isPresent()) {
            if (entry.get() instanceof Entry.UserEntry(User user) && !user.enabled()) return new Resolution.Disabled(user);
            expansion.visit(entry.get(), 0);
        } else {
            // Only the recipient itself falls back to the catch-all; a stale alias target does not.
            Optional<MailAddress> catchAll = domains.get(recipient.domain()).catchAll();
            if (catchAll.isEmpty()) return Resolution.UNKNOWN;
            expansion.visit(catchAll.get(), 0);
        }
        return expansion.result();
    }

    /** The entry for an address: exactly as given, else with the recipient delimiter's tag cut off. */
    Optional<Entry> lookup(Connection c, MailAddress address) throws SQLException {
        Optional<Entry> exact = EntryStore.find(c, address, rules.caseSensitiveLocalParts());
        if (exact.isPresent()) return exact;
        Optional<MailAddress> untagged = withoutTag(address);
        return untagged.isPresent() ? EntryStore.find(c, untagged.get(), rules.caseSensitiveLocalParts()) : Optional.empty();
    }

    /** {@code alice+news@x} → {@code alice@x}: the part before the first delimiter character, if there is one. */
    Optional<MailAddress> withoutTag(MailAddress address) {
        String local = address.localPart();
        String delimiters = rules.recipientDelimiter();
        if (delimiters.isEmpty() || containsAny(local, ROUTING_CHARACTERS)) return Optional.empty();
        for (int i = 1; i < local.length(); i++) {
            if (delimiters.indexOf(local.charAt(i)) >= 0) return Optional.of(new MailAddress(local.substring(0, i), address.domain()));
        }
        return Optional.empty();
    }

    static boolean isLocalDomain(Connection c, String domain) throws SQLException {
        // RFC 5321 4.1.3: an address literal names a host, not a mail domain of ours.
        if (domain.startsWith("[")) return false;
        return EntryStore.domainExists(c, Domain.normalize(domain));
    }

    /** One walk through aliases and groups, remembering where it has been so that cycles end. */
    private final class Expansion {
        private final Connection c;
        private final Map<String, Domain> domains;
        private final Set<Long> expanded = new HashSet<>();
        private final Map<Long, User> users = new LinkedHashMap<>();
        private final Set<MailAddress> external = new LinkedHashSet<>();
        private boolean localSendersOnly;

        Expansion(Connection c, Map<String, Domain> domains) {
            this.c = c;
            this.domains = domains;
        }

        void visit(MailAddress address, int depth) throws SQLException {
            visit(address, Optional.empty(), depth);
        }

        /** @param exact the entry with exactly this address, when the caller has already looked it up */
        private void visit(MailAddress address, Optional<Entry> exact, int depth) throws SQLException {
            if (!domains.containsKey(address.domain())) { // MailAddress keeps domains in lower case, as the table does
                external.add(address);
                return;
            }
            Optional<Entry> entry = exact.isPresent() ? exact : lookup(c, address);
            // A local target nobody answers to: removed since, or the domain became ours later. Nothing to deliver.
            if (entry.isEmpty()) {
                LOG.debug("{} names nobody; skipped", address);
                return;
            }
            visit(entry.get(), depth);
        }

        void visit(Entry entry, int depth) throws SQLException {
            if (depth > MAX_DEPTH) {
                LOG.warn("aliases and groups nest deeper than {} at {}; the rest is not delivered", MAX_DEPTH, entry.address());
                return;
            }
            switch (entry) {
                case Entry.UserEntry(User user) -> {
                    if (user.enabled()) users.putIfAbsent(user.id(), user);
                }
                case Entry.AliasEntry alias -> visitTargets(alias.id(), depth);
                case Entry.GroupEntry group -> {
                    localSendersOnly |= group.localSendersOnly();
                    visitTargets(group.id(), depth);
                }
            }
        }

        private void visitTargets(long id, int depth) throws SQLException {
            if (!expanded.add(id)) return; // reached again through a cycle or a second path: already counted
            for (EntryStore.TargetRow row : EntryStore.targetEntries(c, id, rules.caseSensitiveLocalParts())) {
                visit(row.target(), row.entry(), depth + 1);
            }
        }

        Resolution result() {
            if (users.isEmpty() && external.isEmpty()) return Resolution.UNKNOWN;
            return new Resolution.Deliver(new LinkedHashSet<>(users.values()), external, localSendersOnly);
        }
    }

    private static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) return true;
        }
        return false;
    }
}
