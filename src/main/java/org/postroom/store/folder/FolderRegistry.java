package org.postroom.store.folder;

import java.io.IOException;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The process's open folders: one {@link MaildirFolder} per folder directory, so that every session, POP3 and every
 * delivery share one state and one lock, and a change by one is an event for the others. Held weakly: a folder no
 * session holds is forgotten by the garbage collector (1,000 idle mailboxes cost nothing), and loaded again from its
 * files at the next use. Deliveries ({@link #delivered}) reach a folder only while it is loaded; otherwise the next
 * load finds the file anyway.
 *
 * <p>Also keeps the quota's usage per folder, by the folders' modification times, so that a delivery's quota check
 * lists a folder only when it changed.
 */
public final class FolderRegistry {
    private final Supplier<String> uniqueNames;
    private final ConcurrentHashMap<Path, Ref> folders = new ConcurrentHashMap<>();
    private final ReferenceQueue<MaildirFolder> collected = new ReferenceQueue<>();
    private final ConcurrentHashMap<Path, Long> quotas = new ConcurrentHashMap<>();
    private final FolderUsage usage = new FolderUsage(this);
    private final ConcurrentHashMap<Path, Object> userLocks = new ConcurrentHashMap<>();

    private static final class Ref extends WeakReference<MaildirFolder> {
        final Path key;

        Ref(MaildirFolder folder, ReferenceQueue<MaildirFolder> queue) {
            super(folder, queue);
            this.key = folder.root;
        }
    }

    /** {@code uniqueNames} makes Maildir unique names for appended and copied messages (the store's own generator). */
    public FolderRegistry(Supplier<String> uniqueNames) {
        this.uniqueNames = uniqueNames;
    }

    /** A user's folders; {@code userRoot} is the user's Maildir (INBOX). */
    public UserFolders folders(Path userRoot) {
        return new MaildirUserFolders(this, key(userRoot));
    }

    /** The shared INBOX of a user, without creating anything on disk (POP3 reads a missing Maildir as empty). */
    public Folder inbox(Path userRoot) {
        Path root = key(userRoot);
        return folder(root, FolderNames.INBOX, root);
    }

    /**
     * A delivery was committed into {@code maildirRoot}'s {@code new/} and synced: the loaded INBOX, if any, tells its
     * listeners now (an idling IMAP client hears EXISTS without waiting for a poll).
     */
    public void delivered(Path maildirRoot) {
        MaildirFolder folder = loaded(key(maildirRoot));
        if (folder != null) folder.deliveryArrived();
    }

    /** The quota of the user whose Maildir this is, in octets (0: none), for APPEND and COPY. */
    public void quota(Path userRoot, long quotaBytes) {
        quotas.put(key(userRoot), quotaBytes);
    }

    boolean overQuota(Path userRoot, long adding) throws IOException {
        long quota = quotas.getOrDefault(userRoot, 0L);
        return quota > 0 && usage(userRoot) + adding > quota;
    }

    /** Octets in every folder of the user: INBOX and each {@code .Name} folder. */
    public long usage(Path userRoot) throws IOException {
        Path root = key(userRoot);
        long total = usage.of(root);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, ".*")) {
            for (Path dir : dirs) {
                if (FolderNames.fromDirectory(dir.getFileName().toString()) != null && Files.isDirectory(dir)) total += usage.of(dir);
            }
        } catch (NoSuchFileException e) {
            // no mailbox yet
        }
        return total;
    }

    /** The folder of this directory: the loaded one, or a new one (loaded from its files at first use). */
    MaildirFolder folder(Path root, String name, Path userRoot) {
        expungeCollected();
        while (true) {
            Ref ref = folders.get(root);
            MaildirFolder folder = ref == null ? null : ref.get();
            if (folder != null) {
                if (!folder.name().equals(name)) folder.renamed(name);
                return folder;
            }
            MaildirFolder fresh = new MaildirFolder(this, root, userRoot, name);
            Ref mine = new Ref(fresh, collected);
            if (ref == null ? folders.putIfAbsent(root, mine) == null : folders.replace(root, ref, mine)) return fresh;
        }
    }

    /** The loaded folder of this directory, or null. */
    MaildirFolder loaded(Path root) {
        Ref ref = folders.get(root);
        return ref == null ? null : ref.get();
    }

    /** A folder was deleted or renamed away on disk: its object is refused from now on, the next open starts afresh. */
    void gone(Path root) {
        Ref ref = folders.remove(root);
        MaildirFolder folder = ref == null ? null : ref.get();
        if (folder != null) folder.markGone();
    }

    /** Folders loaded now (for tests and metrics). */
    public int loadedCount() {
        expungeCollected();
        int n = 0;
        for (Ref ref : folders.values()) if (ref.get() != null) n++;
        return n;
    }

    /** The lock for changes to a user's set of folders (create, rename, delete, subscribe). */
    Object userLock(Path userRoot) {
        return userLocks.computeIfAbsent(userRoot, k -> new Object());
    }

    String uniqueName() {
        return uniqueNames.get();
    }

    private void expungeCollected() {
        for (Object r; (r = collected.poll()) != null; ) {
            Ref ref = (Ref) r;
            folders.remove(ref.key, ref);
        }
    }

    private static Path key(Path dir) {
        return dir.toAbsolutePath().normalize();
    }

    /** For tests: every loaded folder's directory. */
    List<Path> loadedRoots() {
        return folders.entrySet().stream().filter(e -> e.getValue().get() != null).map(Map.Entry::getKey).toList();
    }
}
