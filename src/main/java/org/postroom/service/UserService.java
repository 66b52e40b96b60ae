package org.postroom.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.postroom.directory.Directory;
import org.postroom.directory.DirectoryException;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;
import org.postroom.server.DataFolder;
import org.postroom.service.DirectoryViews.UserDetail;
import org.postroom.service.DirectoryViews.UserRemoved;
import org.postroom.service.DirectoryViews.UserView;
import org.postroom.store.MaildirStore;
import org.postroom.store.RemovedMailboxes;

/**
 * Users, for the CLI ({@code postroom user ...}) and the console alike: what each face does is here once. Every
 * change is recorded in the audit trail under the {@code actor} the face names (the signed-in admin's address, or
 * {@code cli:} and the system user). Refusals are {@link DirectoryException}s, as the directory's.
 *
 * <p>Aliases, groups and domains are {@link AddressBook}'s.
 */
public final class UserService {
    private final Supplier<Directory> directories;
    private final Path dataDir;
    private final MaildirStore store;
    private final Audit audit;
    private final Clock clock;
    private final MailboxUsage usage;
    private volatile Consumer<User> signedOut = u -> {};

    /**
     * @param store the mail store: the server's own (its open folders), or one of the CLI's making
     */
    public UserService(Supplier<Directory> directories, Path dataDir, MaildirStore store, Audit audit, Clock clock) {
        this.directories = directories;
        this.dataDir = dataDir;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.usage = new MailboxUsage(directories, store, clock);
    }

    /** Every mailbox's size, as lists show it (kept for a minute): the dashboard's too. */
    public MailboxUsage mailboxUsage() {
        return usage;
    }

    /** Called with a user whose sessions must end (disabled, removed, password reset): the console's sessions. */
    public void onSignOut(Consumer<User> listener) {
        this.signedOut = listener;
    }

    public Directory directory() {
        return directories.get();
    }

    public Audit audit() {
        return audit;
    }

    /** The settings of a new user; {@code password} is wiped by {@link #add}. */
    public record NewUser(MailAddress address, String name, char[] password, boolean internalOnly, long quotaBytes, boolean admin) {}

    /** What {@link #add} did: the user, and a note when their special folders could not be made (the server makes them at start). */
    public record Added(UserView user, Optional<String> note) {}

    /** A change to a user: each present field is set, absent ones left as they are. */
    public record Changes(Optional<String> name, Optional<Boolean> enabled, Optional<Boolean> internalOnly, Optional<Long> quotaBytes,
            Optional<Boolean> pop3, Optional<Boolean> pop3OfficeOnly, Optional<Boolean> imap, Optional<Boolean> imapOfficeOnly,
            Optional<Boolean> admin) {
        public static Changes none() {
            Optional<Boolean> no = Optional.empty();
            return new Changes(Optional.empty(), no, no, Optional.empty(), no, no, no, no, no);
        }

        public boolean isEmpty() {
            return this.equals(none());
        }
    }

    /** Every user, or those whose address or name contains {@code search} (any case). */
    public List<UserView> list(Optional<String> search) {
        String needle = search.map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("");
        return directory().users().stream()
                .filter(u -> needle.isEmpty() || u.address().toString().toLowerCase(Locale.ROOT).contains(needle)
                        || u.displayName().toLowerCase(Locale.ROOT).contains(needle))
                .map(u -> UserView.of(u, usage.of(u.address()))).toList();
    }

    public User require(MailAddress address) {
        return directory().findUser(address)
                .orElseThrow(() -> new DirectoryException(DirectoryException.Kind.NOT_FOUND, "no user " + address));
    }

    public UserView view(User u) {
        return UserView.of(u, usage(u.address()));
    }

    /** One user, with the groups and aliases that name them directly. */
    public UserDetail show(MailAddress address) {
        Directory dir = directory();
        User u = require(address);
        String key = u.address().key();
        List<String> groups = dir.groups().stream().filter(g -> g.members().stream().anyMatch(m -> m.key().equals(key)))
                .map(g -> g.address().toString()).toList();
        List<String> aliases = dir.aliases().stream().filter(a -> a.targets().stream().anyMatch(t -> t.key().equals(key)))
                .map(a -> a.address().toString()).toList();
        return new UserDetail(u.id(), u.address().toString(), u.displayName(), u.enabled(), u.internalOnly(), u.quotaBytes(),
                u.pop3Allowed(), u.pop3OfficeOnly(), u.imapAllowed(), u.imapOfficeOnly(), u.admin(), usage(u.address()), groups, aliases);
    }

    /** Adds an enabled user, with Sent, Drafts, Trash and Junk (issue 11). The domain must be local. */
    public Added add(String actor, NewUser n) {
        try {
            return audit.run(actor, "user.add", n.address().toString(), () -> {
                Directory dir = directory();
                if (!dir.isLocalDomain(n.address().domain())) {
                    throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, n.address().domain() + " is not a local domain");
                }
                User added = dir.addUser(n.address(), n.name() == null ? "" : n.name(), n.password(), n.internalOnly(), n.quotaBytes());
                if (n.admin() && !added.admin()) {
                    dir.setAdmin(added.address(), true);
                    added = require(added.address());
                }
                Optional<String> note = Optional.empty();
                try {
                    store.folders(added.address()).ensureSpecialFolders();
                } catch (IOException | RuntimeException e) {
                    note = Optional.of("could not create the folders Sent, Drafts, Trash and Junk for " + added.address() + " (" + e
                            + "); the server creates them at its next start");
                }
                return new Added(view(added), note);
            });
        } finally {
            Arrays.fill(n.password(), '\0');
        }
    }

    /** Applies the changes, each its own small transaction; nothing to change is a refusal. */
    public UserView change(String actor, MailAddress address, Changes c) {
        if (c.isEmpty()) throw new DirectoryException(DirectoryException.Kind.INVALID, "nothing to change");
        return audit.run(actor, "user.set", address.toString(), java.util.Map.of("changes", describe(c)), () -> {
            Directory dir = directory();
            User before = require(address);
            keepAnAdmin(before, c.admin().orElse(before.admin()) && c.enabled().orElse(before.enabled()));
            MailAddress user = before.address();
            c.name().ifPresent(v -> dir.setDisplayName(user, v));
            c.internalOnly().ifPresent(v -> dir.setInternalOnly(user, v));
            c.quotaBytes().ifPresent(v -> dir.setQuota(user, v));
            c.pop3().ifPresent(v -> dir.setPop3Allowed(user, v));
            c.pop3OfficeOnly().ifPresent(v -> dir.setPop3OfficeOnly(user, v));
            c.imap().ifPresent(v -> dir.setImapAllowed(user, v));
            c.imapOfficeOnly().ifPresent(v -> dir.setImapOfficeOnly(user, v));
            c.admin().ifPresent(v -> dir.setAdmin(user, v));
            c.enabled().ifPresent(v -> dir.setEnabled(user, v));
            User changed = require(user);
            if (!changed.enabled()) signedOut.accept(changed);
            return view(changed);
        });
    }

    /** Sets a password (an admin's reset, or the user's own change): the user's console sessions end. */
    public UserView setPassword(String actor, MailAddress address, char[] password) {
        try {
            return audit.run(actor, "user.password", address.toString(), () -> {
                User user = require(address);
                directory().setPassword(user.address(), password);
                signedOut.accept(user);
                return view(user);
            });
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Removes the user (first: from then on nothing new is filed for them), then moves the mailbox to
     * {@code data/removed/} unless {@code keepMail}. A mailbox that cannot be moved is an {@link UncheckedIOException}
     * after the user is gone: its message says where the mailbox is.
     */
    public UserRemoved remove(String actor, MailAddress address, boolean keepMail) {
        return audit.run(actor, "user.remove", address.toString(), java.util.Map.of("keepMail", Boolean.toString(keepMail)), () -> {
            User user = require(address);
            keepAnAdmin(user, false);
            DataFolder data = new DataFolder(dataDir);
            RemovedMailboxes mailboxes = new RemovedMailboxes(data.mail(), data.removed());
            directory().removeUser(user.address());
            signedOut.accept(user);
            Path mailbox = mailboxes.mailbox(user.address());
            if (keepMail) return new UserRemoved(user.address().toString(), "user", "kept", mailbox.toString());
            Optional<Path> moved;
            try {
                moved = mailboxes.setAside(user.address(), clock.instant());
            } catch (IOException e) {
                throw new UncheckedIOException("removed user " + user.address() + ", but could not move the mailbox " + mailbox + " (" + e
                        + "): move or delete it before adding " + user.address() + " again", e);
            }
            return moved.map(p -> new UserRemoved(user.address().toString(), "user", "moved", p.toString()))
                    .orElseGet(() -> new UserRemoved(user.address().toString(), "user", "none", null));
        });
    }

    /**
     * Refuses to leave the office without an enabled admin (nobody could then use the console's admin pages or the
     * API): {@code user} stays one when {@code staysAdmin}. Checked before the change; two admins demoting each other
     * at the same instant could still both pass (the CLI's {@code user set --admin} mends that).
     */
    private void keepAnAdmin(User user, boolean staysAdmin) {
        if (staysAdmin || !user.admin() || !user.enabled()) return;
        boolean another = directory().users().stream().anyMatch(u -> u.id() != user.id() && u.admin() && u.enabled());
        if (!another) {
            throw new DirectoryException(DirectoryException.Kind.CONFLICT, user.address()
                    + " is the last admin: give another enabled user the admin role first");
        }
    }

    /** Octets in the user's mailbox now, -1 when it cannot be read. */
    public long usage(MailAddress address) {
        return usage.now(address);
    }

    private static String describe(Changes c) {
        StringBuilder s = new StringBuilder();
        c.name().ifPresent(v -> s.append("name "));
        c.enabled().ifPresent(v -> s.append("enabled=").append(v).append(' '));
        c.internalOnly().ifPresent(v -> s.append("internalOnly=").append(v).append(' '));
        c.quotaBytes().ifPresent(v -> s.append("quotaBytes=").append(v).append(' '));
        c.pop3().ifPresent(v -> s.append("pop3=").append(v).append(' '));
        c.pop3OfficeOnly().ifPresent(v -> s.append("pop3OfficeOnly=").append(v).append(' '));
        c.imap().ifPresent(v -> s.append("imap=").append(v).append(' '));
        c.imapOfficeOnly().ifPresent(v -> s.append("imapOfficeOnly=").append(v).append(' '));
        c.admin().ifPresent(v -> s.append("admin=").append(v).append(' '));
        return s.toString().strip();
    }
}
