package org.postroom.service;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.postroom.directory.Directory;
import org.postroom.directory.DirectoryException;
import org.postroom.message.MailAddress;
import org.postroom.service.DirectoryViews.AliasView;
import org.postroom.service.DirectoryViews.DomainView;
import org.postroom.service.DirectoryViews.GroupView;
import org.postroom.service.DirectoryViews.Removed;

/**
 * Aliases, groups and domains, for the CLI ({@code postroom alias|group|domain ...}) and the console alike. Every
 * change is recorded in the audit trail under the face's {@code actor}; refusals are {@link DirectoryException}s.
 */
public final class AddressBook {
    private final Supplier<Directory> directories;
    private final Audit audit;

    public AddressBook(Supplier<Directory> directories, Audit audit) {
        this.directories = directories;
        this.audit = audit;
    }

    private Directory dir() {
        return directories.get();
    }

    // ---- aliases

    public List<AliasView> aliases(Optional<String> search) {
        return dir().aliases().stream().map(AliasView::of).filter(a -> matches(search, a.address(), a.targets())).toList();
    }

    public AliasView alias(MailAddress address) {
        return dir().findAlias(address).map(AliasView::of).orElseThrow(() -> notFound("no alias " + address));
    }

    public AliasView addAlias(String actor, MailAddress address, List<MailAddress> targets) {
        return audit.run(actor, "alias.add", address.toString(), Map.of("targets", joined(targets)),
                () -> AliasView.of(dir().addAlias(address, targets)));
    }

    public AliasView addAliasTargets(String actor, MailAddress address, List<MailAddress> targets) {
        return audit.run(actor, "alias.targets.add", address.toString(), Map.of("targets", joined(targets)),
                () -> AliasView.of(dir().addAliasTargets(address, targets)));
    }

    public AliasView removeAliasTargets(String actor, MailAddress address, List<MailAddress> targets) {
        return audit.run(actor, "alias.targets.remove", address.toString(), Map.of("targets", joined(targets)),
                () -> AliasView.of(dir().removeAliasTargets(address, targets)));
    }

    public Removed removeAlias(String actor, MailAddress address) {
        return audit.run(actor, "alias.remove", address.toString(), () -> {
            dir().removeAlias(address);
            return new Removed(address.toString(), "alias");
        });
    }

    // ---- groups

    public List<GroupView> groups(Optional<String> search) {
        return dir().groups().stream().map(GroupView::of).filter(g -> matches(search, g.address(), g.members())).toList();
    }

    public GroupView group(MailAddress address) {
        return dir().findGroup(address).map(GroupView::of).orElseThrow(() -> notFound("no group " + address));
    }

    public GroupView addGroup(String actor, MailAddress address, boolean localSendersOnly, List<MailAddress> members) {
        return audit.run(actor, "group.add", address.toString(), Map.of("members", joined(members)),
                () -> GroupView.of(dir().addGroup(address, localSendersOnly, members)));
    }

    public GroupView addMembers(String actor, MailAddress group, List<MailAddress> members) {
        return audit.run(actor, "group.members.add", group.toString(), Map.of("members", joined(members)),
                () -> GroupView.of(dir().addMembers(group, members)));
    }

    public GroupView removeMembers(String actor, MailAddress group, List<MailAddress> members) {
        return audit.run(actor, "group.members.remove", group.toString(), Map.of("members", joined(members)),
                () -> GroupView.of(dir().removeMembers(group, members)));
    }

    /** The list policy: whether only senders of the local domains may write to the group. */
    public GroupView setLocalSendersOnly(String actor, MailAddress group, boolean localSendersOnly) {
        return audit.run(actor, "group.set", group.toString(), Map.of("localSendersOnly", Boolean.toString(localSendersOnly)), () -> {
            dir().setLocalSendersOnly(group, localSendersOnly);
            return group(group);
        });
    }

    public Removed removeGroup(String actor, MailAddress address) {
        return audit.run(actor, "group.remove", address.toString(), () -> {
            dir().removeGroup(address);
            return new Removed(address.toString(), "group");
        });
    }

    // ---- domains

    public List<DomainView> domains() {
        return dir().domains().stream().map(DomainView::of).toList();
    }

    public DomainView domain(String name) {
        return dir().findDomain(name).map(DomainView::of).orElseThrow(() -> notFound("no domain " + name));
    }

    public DomainView addDomain(String actor, String name) {
        return audit.run(actor, "domain.add", name, () -> {
            dir().addDomain(name);
            return domain(name);
        });
    }

    public Removed removeDomain(String actor, String name) {
        return audit.run(actor, "domain.remove", name, () -> {
            dir().removeDomain(name);
            return new Removed(name.toLowerCase(Locale.ROOT), "domain");
        });
    }

    /** Sets ({@code target} present) or clears where mail for unknown addresses of the domain goes. */
    public DomainView setCatchAll(String actor, String name, Optional<MailAddress> target) {
        return audit.run(actor, "domain.catch-all", name, Map.of("catchAll", target.map(MailAddress::toString).orElse("none")), () -> {
            dir().setCatchAll(name, target);
            return domain(name);
        });
    }

    private static boolean matches(Optional<String> search, String address, List<String> others) {
        if (search.isEmpty() || search.get().isBlank()) return true;
        String needle = search.get().strip().toLowerCase(Locale.ROOT);
        return address.toLowerCase(Locale.ROOT).contains(needle) || others.stream().anyMatch(o -> o.toLowerCase(Locale.ROOT).contains(needle));
    }

    private static String joined(List<MailAddress> addresses) {
        return String.join(", ", DirectoryViews.strings(addresses));
    }

    private static DirectoryException notFound(String message) {
        return new DirectoryException(DirectoryException.Kind.NOT_FOUND, message);
    }
}
