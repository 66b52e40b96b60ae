package org.postroom.store.folder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.postroom.files.OwnerOnly;
import org.postroom.store.Maildir;
import org.postroom.store.MessageWriter;

/**
 * The one {@link Folder} of a Maildir++ folder in this process. Its state (the messages by UID, the counters) is a
 * cache of the files, loaded at the first use by listing {@code cur/} and {@code new/} (names only: size, UID and
 * flags are in them), and kept current by its own changes, by delivery events ({@link #deliveryArrived}) and by a
 * rescan when a folder's modification time shows that someone else changed it.
 *
 * <p>One lock per folder: every change renames or unlinks files under it, so two sessions never race on one file.
 * Listeners are called after the lock is released.
 */
final class MaildirFolder implements Folder {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MaildirFolder.class);
    private final FolderRegistry registry;
    final Path root;
    final Path userRoot;
    private volatile String name;
    final ReentrantLock lock = new ReentrantLock();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean deliveryPending;
    private volatile boolean gone;

    // Under the lock:
    final FolderState state = new FolderState();

    MaildirFolder(FolderRegistry registry, Path root, Path userRoot, String name) {
        this.registry = registry;
        this.root = root;
        this.userRoot = userRoot;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    void renamed(String newName) {
        this.name = newName;
    }

    Path cur() {
        return root.resolve("cur");
    }

    Path newDir() {
        return root.resolve("new");
    }

    /** A delivery linked a file into {@code new/}: the next snapshot gives it a UID; listeners hear of it now. */
    void deliveryArrived() {
        deliveryPending = true;
        notifyListeners();
    }

    /** The folder was deleted or renamed away: every later call is refused, listeners hear it once more. */
    void markGone() {
        gone = true;
        notifyListeners();
    }

    @Override
    public FolderSnapshot snapshot() throws IOException {
        boolean changed;
        FolderSnapshot snapshot;
        lock.lock();
        try {
            changed = refresh();
            snapshot = state.snapshot();
        } finally {
            lock.unlock();
        }
        if (changed) notifyListeners();
        return snapshot;
    }

    /**
     * Under the lock: loads the folder at first use; afterwards lists {@code cur/} only when its modification time
     * moved (someone else renamed or removed files), and {@code new/} when a delivery was announced or its time moved.
     * Gives every file found without a UID one. Returns whether anything changed.
     */
    boolean refresh() throws IOException {
        if (gone) throw new FolderException(FolderException.Reason.NONEXISTENT, "folder " + name + " no longer exists");
        long curTime = modified(cur());
        long newTime = modified(newDir());
        boolean pending = deliveryPending;
        deliveryPending = false;
        if (!state.loaded) {
            new FolderScan(this).load(curTime, newTime);
            return true;
        }
        if (curTime != state.curTime) return new FolderScan(this).rescan(curTime, newTime);
        if (newTime != state.newTime || pending) return new FolderScan(this).scanNew(newTime);
        return false;
    }

    static long modified(Path dir) throws IOException {
        try {
            FileTime time = Files.getLastModifiedTime(dir);
            return time.to(java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    /** Under the lock, after changing files here: the folders' times now, so the change is not taken for someone else's. */
    void recordTimes() throws IOException {
        state.curTime = modified(cur());
        state.seenNew(modified(newDir()));
    }

    private Path pathOf(MessageInfo message) throws IOException {
        lock.lock();
        try {
            if (!state.loaded) refresh();
            Entry entry = state.find(message.uid());
            if (entry == null || !entry.info().uniqueName().equals(message.uniqueName())) return null;
            return cur().resolve(entry.fileName());
        } finally {
            lock.unlock();
        }
    }

    /** The current file of a message: from memory, else after a rescan (someone renamed it); never a listing per message. */
    private Path fileOf(MessageInfo message) throws IOException {
        Path file = pathOf(message);
        if (file != null && Files.exists(file)) return file;
        lock.lock();
        try {
            state.curTime = Long.MIN_VALUE; // force the rescan: the file is not where we thought
            refresh();
        } finally {
            lock.unlock();
        }
        file = pathOf(message);
        if (file == null) throw expunged(message);
        return file;
    }

    private static FolderException expunged(MessageInfo message) {
        return new FolderException(FolderException.Reason.EXPUNGEISSUED, "message UID " + message.uid() + " was expunged");
    }

    @Override
    public InputStream open(MessageInfo message) throws IOException {
        Path file = fileOf(message);
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            return Files.newInputStream(fileOf(message)); // renamed between the lookup and the open: once more
        }
    }

    @Override
    public Instant internalDate(MessageInfo message) throws IOException {
        // The file's modification time: set to the APPEND date, or the delivery time (Dovecot reads it the same way).
        try {
            return Files.getLastModifiedTime(fileOf(message)).toInstant();
        } catch (NoSuchFileException e) {
            return Files.getLastModifiedTime(fileOf(message)).toInstant();
        }
    }

    @Override
    public StoreResult store(Collection<Long> uids, FlagChange change, long unchangedSince) throws IOException {
        StoreResult result;
        lock.lock();
        try {
            refresh();
            result = new FlagStore(this).apply(new TreeSet<>(uids), change, unchangedSince);
        } finally {
            lock.unlock();
        }
        if (!result.changed().isEmpty()) notifyListeners();
        return result;
    }

    @Override
    public List<Long> expunge(Collection<Long> uids) throws IOException {
        List<Long> removed = new ArrayList<>();
        lock.lock();
        try {
            refresh();
            for (long uid : new TreeSet<>(uids)) {
                Entry entry = state.find(uid);
                if (entry == null) continue;
                Files.deleteIfExists(cur().resolve(entry.fileName()));
                removed.add(uid);
            }
            if (!removed.isEmpty()) {
                Maildir.syncDirectory(cur()); // RFC 3501 EXPUNGE: reported removed means removed
                long modSeq = state.nextModSeq(root);
                state.remove(removed, modSeq);
                recordTimes();
            }
        } finally {
            lock.unlock();
        }
        if (!removed.isEmpty()) notifyListeners();
        return removed;
    }

    @Override
    public AppendResult append(MessageWriter content, int flags, Set<String> keywords, Instant internalDate) throws IOException {
        if (gone) throw new FolderException(FolderException.Reason.NONEXISTENT, "folder " + name + " no longer exists");
        createDirectories();
        String unique = registry.uniqueName();
        Path tmpFile = root.resolve("tmp").resolve(unique);
        long size;
        try (var channel = OwnerOnly.createFile(tmpFile)) {
            var out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 65536);
            content.writeTo(out);
            out.flush();
            size = channel.size();
            channel.force(false); // the bytes are on disk before any name points at them
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmpFile);
            throw e;
        }
        AppendResult result;
        try {
            if (registry.overQuota(userRoot, size)) {
                throw new FolderException(FolderException.Reason.OVERQUOTA, "the mailbox is full");
            }
            if (internalDate != null) Files.setLastModifiedTime(tmpFile, FileTime.from(internalDate));
            lock.lock();
            try {
                refresh();
                long letters = state.keywordBits(root, keywords, true);
                long uid = state.reserveUids(root, 1);
                long modSeq = state.nextModSeq(root);
                String base = unique + ",S=" + size;
                MessageInfo info = new MessageInfo(uid, unique, size, flags & 31, letters, modSeq);
                Entry entry = Entry.of(info, base, "");
                Files.move(tmpFile, cur().resolve(entry.fileName()), StandardCopyOption.ATOMIC_MOVE);
                Maildir.syncDirectory(cur()); // durable before APPENDUID names it
                state.add(List.of(entry), modSeq);
                recordTimes();
                result = new AppendResult(state.uidValidity, uid);
            } finally {
                lock.unlock();
            }
        } finally {
            Files.deleteIfExists(tmpFile); // gone after the rename; left only when the append failed
        }
        notifyListeners();
        return result;
    }

    /** Makes the folder's Maildir where it is missing (INBOX of a user who never got mail). */
    void createDirectories() throws IOException {
        if (Files.isDirectory(cur()) && Files.isDirectory(newDir()) && Files.isDirectory(root.resolve("tmp"))) return;
        OwnerOnly.createDirectories(root.getParent());
        new Maildir(root).create();
    }

    @Override
    public CopyResult copy(Collection<Long> uids, Folder target) throws IOException {
        return new FolderTransfer(this, (MaildirFolder) target, registry).run(new TreeSet<>(uids), false);
    }

    @Override
    public CopyResult move(Collection<Long> uids, Folder target) throws IOException {
        return new FolderTransfer(this, (MaildirFolder) target, registry).run(new TreeSet<>(uids), true);
    }

    @Override
    public AutoCloseable listen(Runnable changed) {
        listeners.add(changed);
        return () -> {
            if (listeners.remove(changed) && listeners.isEmpty()) writeIndex();
        };
    }

    /**
     * The folder fell idle (its last listener left): its MODSEQs go into the index, so a restart keeps them. A failure
     * is logged, not thrown: the index is only a cache, and the session closing must not fail for it.
     */
    private void writeIndex() {
        lock.lock();
        try {
            if (gone || !state.loaded || state.indexValid || !Files.isDirectory(cur())) return;
            FolderIndex.write(root, state);
            state.indexValid = true;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write the index of {}: {}", root, e.toString());
        } finally {
            lock.unlock();
        }
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    void notifyListeners() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("a listener of {} failed: {}", root, e.toString());
            }
        }
    }

    /**
     * The octets of the messages in {@code cur/}, when memory knows them for certain: loaded and nobody changed
     * {@code cur/} since ({@code curTime} is its modification time now); else -1.
     */
    long curOctetsIfCurrent(long curTime) {
        if (!lock.tryLock()) return -1;
        try {
            return state.loaded && state.curTime == curTime ? state.octets : -1;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Folder[" + name + " at " + root + "]";
    }
}
