package org.postroom.store.folder;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.postroom.files.OwnerOnly;
import org.postroom.store.Maildir;

/**
 * One user's folders as Maildir++ directories in the user's Maildir. Creating, renaming and deleting are one rename
 * each on disk, under a per-user lock; a folder being built is made under a name that is not a folder's and renamed
 * into place whole, so Dovecot or a crash never sees half of one.
 */
final class MaildirUserFolders implements UserFolders {
    static final List<String> SPECIAL = List.of("Sent", "Drafts", "Trash", "Junk");
    /** Deleted folders go here (not a {@code .} name, so no reader takes it for a folder); the administrator empties it. */
    static final String DELETED = "postroom-deleted";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final FolderRegistry registry;
    private final Path userRoot;

    MaildirUserFolders(FolderRegistry registry, Path userRoot) {
        this.registry = registry;
        this.userRoot = userRoot;
    }

    private Object lock() {
        return registry.userLock(userRoot);
    }

    private Path dirOf(String name) {
        return FolderNames.isInbox(name) ? userRoot : userRoot.resolve(FolderNames.directory(FolderNames.normalize(name)));
    }

    /** Names of the folders that exist on disk, INBOX excluded, sorted. */
    private TreeSet<String> existing() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(userRoot, ".*")) {
            for (Path dir : dirs) {
                String name = FolderNames.fromDirectory(dir.getFileName().toString());
                if (name != null && Files.isDirectory(dir)) names.add(name);
            }
        } catch (NoSuchFileException e) {
            // no Maildir yet
        }
        return names;
    }

    @Override
    public List<FolderInfo> list() throws IOException {
        TreeSet<String> names = existing();
        Set<String> subscribed = Subscriptions.read(userRoot);
        // Parents that are not folders themselves still appear, \Noselect (RFC 3501 6.3.8).
        TreeMap<String, Boolean> all = new TreeMap<>();
        for (String name : names) {
            all.put(name, true);
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                all.putIfAbsent(name.substring(0, slash), false);
            }
        }
        List<FolderInfo> result = new ArrayList<>(all.size() + 1);
        result.add(new FolderInfo(FolderNames.INBOX, Set.of("\\HasNoChildren"), subscribed.contains(FolderNames.INBOX)));
        for (var e : all.entrySet()) {
            String name = e.getKey();
            Set<String> attributes = new LinkedHashSet<>();
            if (!e.getValue()) attributes.add("\\Noselect");
            String next = all.higherKey(name);
            attributes.add(next != null && next.startsWith(name + "/") ? "\\HasChildren" : "\\HasNoChildren");
            String use = FolderNames.specialUse(name);
            if (use != null && e.getValue()) attributes.add(use);
            result.add(new FolderInfo(name, Set.copyOf(attributes), subscribed.contains(name)));
        }
        return result;
    }

    @Override
    public Folder open(String name) throws IOException {
        String n = FolderNames.normalize(name);
        Path dir = dirOf(n);
        if (n.equals(FolderNames.INBOX)) {
            registry.folder(dir, n, userRoot).createDirectories();
        } else if (FolderNames.refusal(n) != null || !Files.isDirectory(dir.resolve("cur"))) {
            throw new FolderException(FolderException.Reason.NONEXISTENT, "no folder " + n);
        }
        return registry.folder(dir, n, userRoot);
    }

    @Override
    public void create(String name) throws IOException {
        String n = FolderNames.normalize(name);
        if (n.equals(FolderNames.INBOX)) throw new FolderException(FolderException.Reason.ALREADYEXISTS, "INBOX exists");
        String refusal = FolderNames.refusal(n);
        if (refusal != null) throw new FolderException(FolderException.Reason.CANNOT, "cannot create a folder with " + refusal);
        synchronized (lock()) {
            Path dir = dirOf(n);
            if (Files.exists(dir)) throw new FolderException(FolderException.Reason.ALREADYEXISTS, "folder " + n + " exists");
            registry.folder(userRoot, FolderNames.INBOX, userRoot).createDirectories();
            // Built under tmp/ of INBOX (never a folder name), then renamed into place whole.
            Path building = userRoot.resolve("tmp").resolve("folder-" + registry.uniqueName());
            new Maildir(building).create();
            OwnerOnly.writeNewFile(building.resolve("maildirfolder"), new byte[0]); // as Courier and Dovecot mark a subfolder
            UidFile.write(building, new UidFile.Counters(UidFile.newUidValidity(), 1, 1));
            Files.move(building, dir, StandardCopyOption.ATOMIC_MOVE);
            Maildir.syncDirectory(userRoot);
            registry.gone(dir); // a stale object of an earlier folder by this name must not serve the new one
        }
    }

    @Override
    public void delete(String name) throws IOException {
        String n = FolderNames.normalize(name);
        if (n.equals(FolderNames.INBOX)) throw new FolderException(FolderException.Reason.CANNOT, "INBOX cannot be deleted");
        synchronized (lock()) {
            Path dir = dirOf(n);
            if (FolderNames.refusal(n) != null || !Files.isDirectory(dir)) {
                boolean parent = existing().stream().anyMatch(f -> f.startsWith(n + "/"));
                if (parent) throw new FolderException(FolderException.Reason.CANNOT, n + " is not a folder, only a level above others");
                throw new FolderException(FolderException.Reason.NONEXISTENT, "no folder " + n);
            }
            // Its messages are moved aside, not lost: as removing a user does (RemovedMailboxes).
            Path aside = userRoot.resolve(DELETED);
            OwnerOnly.createDirectories(aside);
            Path to = aside.resolve(dir.getFileName().toString().substring(1) + "-" + STAMP.format(Instant.now()) + "-" + registry.uniqueName());
            Files.move(dir, to, StandardCopyOption.ATOMIC_MOVE);
            Maildir.syncDirectory(userRoot);
            Maildir.syncDirectory(aside);
            registry.gone(dir);
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        String f = FolderNames.normalize(from);
        String t = FolderNames.normalize(to);
        if (FolderNames.isInbox(t)) throw new FolderException(FolderException.Reason.ALREADYEXISTS, "INBOX exists");
        String refusal = FolderNames.refusal(t);
        if (refusal != null) throw new FolderException(FolderException.Reason.CANNOT, "cannot name a folder with " + refusal);
        if (f.equals(FolderNames.INBOX)) {
            renameInbox(t);
            return;
        }
        synchronized (lock()) {
            TreeSet<String> names = existing();
            List<String> moving = new ArrayList<>();
            for (String name : names) if (name.equals(f) || name.startsWith(f + "/")) moving.add(name);
            if (moving.isEmpty()) throw new FolderException(FolderException.Reason.NONEXISTENT, "no folder " + f);
            if (t.equals(f) || t.startsWith(f + "/")) throw new FolderException(FolderException.Reason.CANNOT, "a folder cannot go inside itself");
            for (String name : moving) {
                String target = t + name.substring(f.length());
                if (Files.exists(dirOf(target))) throw new FolderException(FolderException.Reason.ALREADYEXISTS, "folder " + target + " exists");
            }
            Set<String> subscribed = Subscriptions.read(userRoot);
            boolean subscriptionsChanged = false;
            for (String name : moving) {
                String target = t + name.substring(f.length());
                Files.move(dirOf(name), dirOf(target), StandardCopyOption.ATOMIC_MOVE);
                registry.gone(dirOf(name));
                if (subscribed.remove(name)) {
                    subscribed.add(target);
                    subscriptionsChanged = true;
                }
            }
            Maildir.syncDirectory(userRoot);
            if (subscriptionsChanged) Subscriptions.write(userRoot, subscribed);
        }
    }

    /** RFC 3501 6.3.5: renaming INBOX moves its messages into the new folder and leaves INBOX empty. */
    private void renameInbox(String to) throws IOException {
        create(to);
        Folder inbox = open(FolderNames.INBOX);
        List<Long> uids = inbox.snapshot().messages().stream().map(MessageInfo::uid).toList();
        if (!uids.isEmpty()) inbox.move(uids, open(to));
    }

    @Override
    public void subscribe(String name, boolean subscribed) throws IOException {
        String n = FolderNames.normalize(name);
        synchronized (lock()) {
            Set<String> names = Subscriptions.read(userRoot);
            boolean changed = subscribed ? names.add(n) : names.remove(n);
            if (!changed) return;
            registry.folder(userRoot, FolderNames.INBOX, userRoot).createDirectories();
            Subscriptions.write(userRoot, names);
        }
    }

    @Override
    public long usage() throws IOException {
        return registry.usage(userRoot);
    }

    @Override
    public void ensureSpecialFolders() throws IOException {
        synchronized (lock()) {
            for (String name : SPECIAL) {
                if (Files.isDirectory(dirOf(name))) continue;
                create(name);
                subscribe(name, true);
            }
        }
    }
}
