package org.postroom.directory;

import static org.postroom.directory.DirectoryException.conflict;
import static org.postroom.directory.DirectoryException.notFound;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.postroom.config.AddressRules;
import org.postroom.message.AddressSyntaxException;
import org.postroom.message.MailAddress;

/**
 * The lookups and checks a {@link Directory} change makes inside its transaction, on the connection it was handed:
 * that an address names an entry of the expected kind, that a new address is free, that an alias target or group
 * member in one of our domains exists. A failed check is a {@link DirectoryException} whose message names the
 * address; the transaction then changes nothing.
 *
 * <p>SECURITY: trusts the database; the addresses and logins come from the administrator or a client, already parsed.
 */
final class EntryChecks {
    static final String USER = "user";
    static final String ALIAS = "alias";
    static final String GROUP = "group";

    private final AddressRules rules;
    private final Resolver resolver;

    EntryChecks(AddressRules rules, Resolver resolver) {
        this.rules = rules;
        this.resolver = resolver;
    }

    Optional<User> findUser(Connection c, MailAddress address) throws SQLException {
        return EntryStore.find(c, address, rules.caseSensitiveLocalParts())
                .flatMap(e -> e instanceof Entry.UserEntry(User u) ? Optional.of(u) : Optional.empty());
    }

    Optional<User> findLogin(Connection c, String login) throws SQLException {
        if (login == null || login.isBlank()) return Optional.empty();
        if (login.indexOf('@') >= 0) {
            try {
                return findUser(c, MailAddress.parse(login));
            } catch (AddressSyntaxException e) {
                return Optional.empty();
            }
        }
        List<User> candidates = EntryStore.usersByLocalPart(c, login).stream()
                .filter(u -> !rules.caseSensitiveLocalParts() || u.address().localPart().equals(login)).toList();
        return candidates.size() == 1 ? Optional.of(candidates.getFirst()) : Optional.empty();
    }

    Optional<Entry> find(Connection c, MailAddress address, String kind) throws SQLException {
        return EntryStore.find(c, address, rules.caseSensitiveLocalParts()).filter(e -> e.kindName().equals(kind));
    }

    /** The entry of this kind at the address, or a NOT_FOUND that says what the address is instead. */
    Entry require(Connection c, MailAddress address, String kind) throws SQLException {
        Optional<Entry> entry = EntryStore.find(c, address, rules.caseSensitiveLocalParts());
        if (entry.isEmpty()) throw notFound("no " + kind + " " + address);
        if (!entry.get().kindName().equals(kind)) {
            throw notFound(address + " is " + Entry.withArticle(entry.get().kindName()) + ", not " + Entry.withArticle(kind));
        }
        return entry.get();
    }

    User requireUser(Connection c, MailAddress address) throws SQLException {
        return ((Entry.UserEntry) require(c, address, USER)).user();
    }

    static void requireDomain(Connection c, String domain) throws SQLException {
        if (!EntryStore.domainExists(c, domain)) throw notFound("no domain " + domain);
    }

    /** A new entry's address: in one of our domains, and not yet anything in any letter case. */
    static void requireFree(Connection c, MailAddress address) throws SQLException {
        if (!Resolver.isLocalDomain(c, address.domain())) throw notFound(address.domain() + " is not a local domain");
        Optional<Entry> existing = EntryStore.find(c, address, false);
        if (existing.isPresent()) {
            throw conflict(existing.get().address() + " is already " + Entry.withArticle(existing.get().kindName()));
        }
    }

    /** A target in one of our domains must name someone; an outside address is taken on trust. */
    void requireTarget(Connection c, MailAddress target) throws SQLException {
        if (Resolver.isLocalDomain(c, target.domain()) && resolver.lookup(c, target).isEmpty()) {
            throw notFound(target + " is not a user, alias or group");
        }
    }

    void addTargets(Connection c, long id, List<MailAddress> targets) throws SQLException {
        for (MailAddress target : targets) {
            requireTarget(c, target);
            EntryStore.addTarget(c, id, target);
        }
    }

    static void removeTargets(Connection c, Entry entry, List<MailAddress> targets, String role) throws SQLException {
        for (MailAddress target : targets) {
            if (!EntryStore.removeTarget(c, entry.id(), target)) throw notFound(target + " is not " + role + " " + entry.address());
        }
    }
}
