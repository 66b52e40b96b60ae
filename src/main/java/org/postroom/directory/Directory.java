package org.postroom.directory;

import static org.postroom.directory.DirectoryException.conflict;
import static org.postroom.directory.DirectoryException.invalid;
import static org.postroom.directory.EntryChecks.ALIAS;
import static org.postroom.directory.EntryChecks.GROUP;
import static org.postroom.directory.EntryChecks.USER;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.postroom.config.AddressRules;
import org.postroom.message.AddressParser;
import org.postroom.message.MailAddress;

/**
 * The office's directory as the server and the administrator's tools see it: domains, users, aliases and groups,
 * authentication, and {@link #resolve}, the router's question for every recipient.
 *
 * <p>Every method is one database transaction, safe to call from any number of threads and while another process
 * (the CLI, the server) changes the same file. Refusals are {@link DirectoryException}s whose message names the
 * address; database trouble is a {@link DatabaseException}.
 *
 * <p>The directory keeps two promises that make resolution simple: an address is exactly one of user, alias or
 * group (in any letter case), and every alias target or group member in one of our domains names an existing
 * entry (removing an entry removes the references to it). {@link EntryChecks} makes the checks that keep them.
 */
public final class Directory {

    private final Database db;
    private final AddressRules rules;
    private final PasswordHasher hasher;
    private final Resolver resolver;
    private final EntryChecks checks;
    private final String unmatchableHash;

    public Directory(Database db, AddressRules rules) {
        this(db, rules, new PasswordHasher());
    }

    /** With a hasher of one's own cost, for tests that add many users. */
    public Directory(Database db, AddressRules rules, PasswordHasher hasher) {
        this.db = Objects.requireNonNull(db, "db");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.resolver = new Resolver(rules);
        this.checks = new EntryChecks(rules, resolver);
        this.unmatchableHash = hasher.unmatchableHash();
    }

    public AddressRules rules() {
        return rules;
    }

    // ---- domains

    public void addDomain(String name) {
        String domain = Domain.normalize(name);
        if (!AddressParser.isDomain(domain)) throw invalid("not a domain name: " + name);
        db.write(c -> {
            if (EntryStore.domainExists(c, domain)) throw conflict("domain " + domain + " exists already");
            EntryStore.insertDomain(c, domain);
            return null;
        });
    }

    /** Refused while users, aliases or groups still have addresses in the domain: their mail would start leaving. */
    public void removeDomain(String name) {
        String domain = Domain.normalize(name);
        db.write(c -> {
            EntryChecks.requireDomain(c, domain);
            int used = EntryStore.countEntriesIn(c, domain);
            if (used > 0) throw conflict("domain " + domain + " still has " + used + " users, aliases or groups");
            EntryStore.deleteDomain(c, domain);
            return null;
        });
    }

    public List<Domain> domains() {
        return db.read(EntryStore::domains);
    }

    public Optional<Domain> findDomain(String name) {
        return db.read(c -> EntryStore.domain(c, Domain.normalize(name)));
    }

    /** Whether mail for this domain stays here. Case-insensitive; an address literal such as {@code [127.0.0.1]} never is. */
    public boolean isLocalDomain(String name) {
        return db.read(c -> Resolver.isLocalDomain(c, name));
    }

    /** Sets or clears where mail for unknown local parts of the domain goes. A local target must exist. */
    public void setCatchAll(String name, Optional<MailAddress> target) {
        String domain = Domain.normalize(name);
        db.write(c -> {
            EntryChecks.requireDomain(c, domain);
            if (target.isPresent()) checks.requireTarget(c, target.get());
            EntryStore.setCatchAll(c, domain, target);
            return null;
        });
    }

    // ---- users

    /** Adds an enabled user, allowed POP3 from anywhere. The domain must be one of ours and the address free. */
    public User addUser(MailAddress address, String displayName, char[] password, boolean internalOnly, long quotaBytes) {
        String name = Checks.displayName(displayName);
        Checks.quota(quotaBytes);
        Checks.newAddress(address);
        // Hashed before the transaction: tens of milliseconds that must not hold the database's write lock.
        String hash = hasher.hash(Checks.password(password));
        return db.write(c -> {
            EntryChecks.requireFree(c, address);
            long id = EntryStore.insertEntry(c, address, USER);
            EntryStore.insertUser(c, id, name, hash, internalOnly, quotaBytes);
            boolean admin = Postmaster.LOCAL_PART.equals(EntryStore.localKey(address.localPart()));
            if (admin) EntryStore.updateUser(c, id, "admin", true);
            return new User(id, address, name, true, internalOnly, quotaBytes, true, false, true, false, admin);
        });
    }

    public List<User> users() {
        return db.read(c -> EntryStore.entries(c, USER).stream().map(e -> ((Entry.UserEntry) e).user()).toList());
    }

    public Optional<User> findUser(MailAddress address) {
        return db.read(c -> checks.findUser(c, address));
    }

    /** The user with this id (a console session's or API token's), if it still exists. */
    public Optional<User> findUserById(long id) {
        return db.read(c -> EntryStore.userById(c, id));
    }

    /**
     * The user a login names: a full address, or a bare local part when exactly one user in all our domains has
     * it. Anything else (unparseable, ambiguous, an alias) names nobody.
     */
    public Optional<User> findUserByLogin(String login) {
        return db.read(c -> checks.findLogin(c, login));
    }

    public void setPassword(MailAddress address, char[] password) {
        String hash = hasher.hash(Checks.password(password));
        updateUser(address, "password_hash", hash);
    }

    public void setDisplayName(MailAddress address, String displayName) {
        updateUser(address, "display_name", Checks.displayName(displayName));
    }

    public void setEnabled(MailAddress address, boolean enabled) {
        updateUser(address, "enabled", enabled);
    }

    public void setInternalOnly(MailAddress address, boolean internalOnly) {
        updateUser(address, "internal_only", internalOnly);
    }

    /**
     * Gives or takes the admin role (the console and its API). A postmaster keeps it: the office must never be left
     * without someone who can sign in to the console.
     */
    public void setAdmin(MailAddress address, boolean admin) {
        if (!admin && Postmaster.LOCAL_PART.equals(EntryStore.localKey(address.localPart()))) {
            throw conflict(address + " is a postmaster, who is always an admin");
        }
        updateUser(address, "admin", admin);
    }

    /** @param quotaBytes mailbox size limit in bytes; 0 for unlimited */
    public void setQuota(MailAddress address, long quotaBytes) {
        Checks.quota(quotaBytes);
        updateUser(address, "quota_bytes", quotaBytes);
    }

    public void setPop3Allowed(MailAddress address, boolean allowed) {
        updateUser(address, "pop3_allowed", allowed);
    }

    /** Limits the user's POP3 access to the office networks ({@code [pop3] office_networks}), or lifts the limit. */
    public void setPop3OfficeOnly(MailAddress address, boolean officeOnly) {
        updateUser(address, "pop3_office_only", officeOnly);
    }

    public void setImapAllowed(MailAddress address, boolean allowed) {
        updateUser(address, "imap_allowed", allowed);
    }

    /** Limits the user's IMAP access to the office networks ({@code [pop3] office_networks}), or lifts the limit. */
    public void setImapOfficeOnly(MailAddress address, boolean officeOnly) {
        updateUser(address, "imap_office_only", officeOnly);
    }

    /** Removes the user and every alias target, group membership and catch-all naming them. Mail on disk stays. */
    public void removeUser(MailAddress address) {
        db.write(c -> {
            User user = checks.requireUser(c, address);
            EntryStore.deleteEntry(c, user.id());
            EntryStore.dropReferences(c, user.address());
            return null;
        });
    }

    private void updateUser(MailAddress address, String column, Object value) {
        db.write(c -> {
            EntryStore.updateUser(c, checks.requireUser(c, address).id(), column, value);
            return null;
        });
    }

    // ---- aliases

    public Alias addAlias(MailAddress address, List<MailAddress> targets) {
        if (targets.isEmpty()) throw invalid("alias " + address + " needs at least one target");
        Checks.newAddress(address);
        return db.write(c -> {
            EntryChecks.requireFree(c, address);
            long id = EntryStore.insertEntry(c, address, ALIAS);
            checks.addTargets(c, id, targets); // after the insert, so an alias may name itself (harmless: resolution ends the loop)
            return new Alias(address, EntryStore.targets(c, id));
        });
    }

    /** Adds targets to an existing alias; targets it has already are left as they are. */
    public Alias addAliasTargets(MailAddress address, List<MailAddress> targets) {
        return db.write(c -> {
            Entry alias = checks.require(c, address, ALIAS);
            checks.addTargets(c, alias.id(), targets);
            return new Alias(alias.address(), EntryStore.targets(c, alias.id()));
        });
    }

    /** Removes targets from an alias; refused if one is not a target, or if none would be left. */
    public Alias removeAliasTargets(MailAddress address, List<MailAddress> targets) {
        return db.write(c -> {
            Entry alias = checks.require(c, address, ALIAS);
            EntryChecks.removeTargets(c, alias, targets, "a target of alias");
            List<MailAddress> left = EntryStore.targets(c, alias.id());
            if (left.isEmpty()) throw conflict("alias " + alias.address() + " would have no targets left; remove the alias instead");
            return new Alias(alias.address(), left);
        });
    }

    public void removeAlias(MailAddress address) {
        removeEntry(address, ALIAS);
    }

    public List<Alias> aliases() {
        return db.read(c -> {
            Map<Long, List<MailAddress>> targets = EntryStore.allTargets(c, ALIAS);
            return EntryStore.entries(c, ALIAS).stream()
                    .map(e -> new Alias(e.address(), targets.getOrDefault(e.id(), List.of()))).toList();
        });
    }

    public Optional<Alias> findAlias(MailAddress address) {
        return db.read(c -> {
            Optional<Entry> alias = checks.find(c, address, ALIAS);
            if (alias.isEmpty()) return Optional.<Alias>empty();
            return Optional.of(new Alias(alias.get().address(), EntryStore.targets(c, alias.get().id())));
        });
    }

    // ---- groups

    public Group addGroup(MailAddress address, boolean localSendersOnly) {
        return addGroup(address, localSendersOnly, List.of());
    }

    /** A new group with its first members, all or nothing. */
    public Group addGroup(MailAddress address, boolean localSendersOnly, List<MailAddress> members) {
        Checks.newAddress(address);
        return db.write(c -> {
            EntryChecks.requireFree(c, address);
            long id = EntryStore.insertEntry(c, address, GROUP);
            EntryStore.insertGroup(c, id, localSendersOnly);
            checks.addTargets(c, id, members);
            return new Group(address, EntryStore.targets(c, id), localSendersOnly);
        });
    }

    public Group addMember(MailAddress group, MailAddress member) {
        return addMembers(group, List.of(member));
    }

    /** Adds members (users, aliases, groups or outside addresses); members it has already are left as they are. */
    public Group addMembers(MailAddress group, List<MailAddress> members) {
        return db.write(c -> {
            Entry.GroupEntry entry = (Entry.GroupEntry) checks.require(c, group, GROUP);
            checks.addTargets(c, entry.id(), members);
            return new Group(entry.address(), EntryStore.targets(c, entry.id()), entry.localSendersOnly());
        });
    }

    public Group removeMember(MailAddress group, MailAddress member) {
        return removeMembers(group, List.of(member));
    }

    /** Removes members; refused, changing nothing, if one of them is not a member. A group may end up empty. */
    public Group removeMembers(MailAddress group, List<MailAddress> members) {
        return db.write(c -> {
            Entry.GroupEntry entry = (Entry.GroupEntry) checks.require(c, group, GROUP);
            EntryChecks.removeTargets(c, entry, members, "a member of group");
            return new Group(entry.address(), EntryStore.targets(c, entry.id()), entry.localSendersOnly());
        });
    }

    public void setLocalSendersOnly(MailAddress group, boolean localSendersOnly) {
        db.write(c -> {
            EntryStore.setLocalSendersOnly(c, checks.require(c, group, GROUP).id(), localSendersOnly);
            return null;
        });
    }

    public void removeGroup(MailAddress address) {
        removeEntry(address, GROUP);
    }

    public List<Group> groups() {
        return db.read(c -> {
            Map<Long, List<MailAddress>> members = EntryStore.allTargets(c, GROUP);
            return EntryStore.entries(c, GROUP).stream()
                    .map(e -> group((Entry.GroupEntry) e, members.getOrDefault(e.id(), List.of()))).toList();
        });
    }

    public Optional<Group> findGroup(MailAddress address) {
        return db.read(c -> {
            Optional<Entry> group = checks.find(c, address, GROUP);
            if (group.isEmpty()) return Optional.<Group>empty();
            return Optional.of(group((Entry.GroupEntry) group.get(), EntryStore.targets(c, group.get().id())));
        });
    }

    // ---- the server's questions

    /**
     * What a console session remembers of its user at sign-in: a digest of the id, address, enabled and password hash.
     * A CLI command in another process (user passwd, disable, remove; a removed user's id given again) changes it,
     * and the server, which cannot hear that command, ends the session when it sees the change.
     */
    public String credentialStamp(User user) {
        String hash = db.read(c -> EntryStore.passwordHash(c, user.id())).orElse("");
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest((user.id() + "\n" + user.address() + "\n"
                    + user.enabled() + "\n" + hash).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    /**
     * The user whose login and password these are, if enabled. Whether or not the login exists, one full password
     * verification is done, so the time taken does not tell an attacker which logins are real.
     */
    public Optional<User> authenticate(String login, char[] password) {
        record Candidate(User user, String hash) {}
        Optional<Candidate> candidate = db.read(c -> {
            Optional<User> user = checks.findLogin(c, login);
            if (user.isEmpty()) return Optional.<Candidate>empty();
            return EntryStore.passwordHash(c, user.get().id()).map(hash -> new Candidate(user.get(), hash));
        });
        boolean matches = hasher.verify(password, candidate.map(Candidate::hash).orElse(unmatchableHash));
        return candidate.filter(found -> matches && found.user().enabled()).map(Candidate::user);
    }

    /**
     * Who receives mail sent to {@code recipient}. Matching: the domain in any case; the local part in any case
     * unless {@link AddressRules#caseSensitiveLocalParts()}; then without a recipient-delimiter tag
     * ({@code alice+news} → {@code alice}); then the domain's catch-all. Aliases and groups are expanded through
     * any nesting (cycles end, at most {@value Resolver#MAX_DEPTH} levels deep), each user counted once, disabled
     * users inside them skipped.
     */
    public Resolution resolve(MailAddress recipient) {
        return db.read(c -> resolver.resolve(c, recipient));
    }

    private void removeEntry(MailAddress address, String kind) {
        db.write(c -> {
            Entry entry = checks.require(c, address, kind);
            EntryStore.deleteEntry(c, entry.id());
            EntryStore.dropReferences(c, entry.address());
            return null;
        });
    }

    private static Group group(Entry.GroupEntry e, List<MailAddress> members) {
        return new Group(e.address(), members, e.localSendersOnly());
    }
}
