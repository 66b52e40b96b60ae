package org.postroom.store.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postroom.store.Maildir;

/**
 * Reads a folder's files into its {@link FolderState}, under the folder's lock: the first load, a rescan of
 * {@code cur/} after someone else changed it, and the files in {@code new/}. Names only: a file is opened or stat'ed
 * only when its name lacks the size, or when new files must be put in delivery order.
 *
 * <p>Files without a UID get one here, in delivery order (modification time, then name): the UIDs are reserved in
 * the counters file first (durable), then each file is renamed into {@code cur/} with {@code ,U=}, then {@code cur/}
 * is synced; only then does a snapshot show them.
 */
final class FolderScan {
    private final MaildirFolder folder;
    private final FolderState state;

    FolderScan(MaildirFolder folder) {
        this.folder = folder;
        this.state = folder.state;
    }

    /** A file that needs a UID. */
    private record Pending(Path dir, String fileName, MessageFileName name) {}

    /** The first look: every file, UIDs taken from the names (the first file wins a UID two names claim). */
    void load(long curTime, long newTime) throws IOException {
        UidFile.Counters counters = UidFile.read(folder.root);
        state.keywords = DovecotKeywords.read(folder.root);
        if (counters != null) {
            state.uidValidity = counters.uidValidity();
            state.uidNext = counters.uidNext();
            state.modSeqCeiling = counters.modSeqCeiling();
        }
        // The index, while exact, gives each message its MODSEQ back. Otherwise (no index, or a file renamed since)
        // a message gets one above all handed out: RFC 7162 lets MODSEQs rise, and CONDSTORE clients fetch its flags again.
        FolderIndex.Read index = FolderIndex.read(folder.root);
        if (index != null && (counters == null || index.uidValidity() != counters.uidValidity() || index.highestModSeq() > state.modSeqCeiling)) {
            index = null;
        }
        long modSeq = index != null ? index.highestModSeq() + 1 : state.modSeqCeiling + 1;
        boolean raised = index == null;
        List<Entry> entries = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        Set<Long> taken = new HashSet<>();
        long maxUid = 0;
        for (String fileName : list(folder.cur())) {
            MessageFileName name = MessageFileName.parse(fileName);
            if (name.uid() > 0 && taken.add(name.uid())) {
                long size = sizeOf(folder.cur(), fileName, name);
                if (size < 0) continue;
                long known = index != null && fileName.equals(index.names().get(name.uid())) ? index.modSeqs().get(name.uid()) : -1;
                if (known < 0) raised = true;
                entries.add(state.entryOf(name, name.uid(), size, known >= 0 ? known : modSeq));
                maxUid = Math.max(maxUid, name.uid());
            } else {
                pending.add(new Pending(folder.cur(), fileName, name));
            }
        }
        for (String fileName : list(folder.newDir())) pending.add(new Pending(folder.newDir(), fileName, MessageFileName.parse(fileName)));
        if (index != null && !raised && entries.size() < index.modSeqs().size()) raised = true; // files gone meanwhile
        state.highestModSeq = raised ? modSeq : index.highestModSeq();
        state.indexValid = index != null && !raised;
        if (index != null && raised) FolderIndex.invalidate(folder.root); // MODSEQs were raised: it no longer holds
        state.setAll(entries);
        state.uidNext = Math.max(state.uidNext, maxUid + 1); // a crash after a rename, before a write: never reuse
        state.loaded = true;
        state.curTime = curTime;
        state.seenNew(newTime);
        if (Files.isDirectory(folder.cur())) state.persist(folder.root);
        assign(pending);
    }

    /** Someone else changed {@code cur/}: compare its names with memory; flags changed, files gone, files new. */
    boolean rescan(long curTime, long newTime) throws IOException {
        state.reloadKeywords(folder.root);
        Map<String, Entry> known = new HashMap<>(state.entries.length * 2);
        for (Entry e : state.entries) known.put(e.info().uniqueName(), e);
        Set<Long> present = new HashSet<>();
        List<Entry> changed = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        List<String[]> restore = new ArrayList<>(); // our files whose ,U= someone dropped: renamed back
        for (String fileName : list(folder.cur())) {
            MessageFileName name = MessageFileName.parse(fileName);
            Entry e = known.get(name.uniqueName());
            if (e == null || (name.uid() != 0 && name.uid() != e.uid()) || !present.add(e.uid())) {
                pending.add(new Pending(folder.cur(), fileName, name));
                continue;
            }
            Entry now = state.entryOf(name, e.uid(), e.info().size(), e.info().modSeq());
            if (now.info().flags() != e.info().flags() || now.info().keywords() != e.info().keywords()
                    || !now.otherLetters().equals(e.otherLetters())) {
                changed.add(now);
            }
            if (name.uid() == 0) restore.add(new String[] {fileName, now.fileName()});
        }
        List<Long> gone = new ArrayList<>();
        for (Entry e : state.entries) if (!present.contains(e.uid())) gone.add(e.uid());
        for (String fileName : list(folder.newDir())) pending.add(new Pending(folder.newDir(), fileName, MessageFileName.parse(fileName)));
        state.curTime = curTime;
        state.seenNew(newTime);
        if (!changed.isEmpty() || !gone.isEmpty()) {
            long modSeq = state.nextModSeq(folder.root);
            List<Entry> stamped = new ArrayList<>(changed.size());
            for (Entry e : changed) stamped.add(e.with(e.info().flags(), e.info().keywords(), modSeq));
            state.replace(stamped, modSeq);
            state.remove(gone, modSeq);
        }
        for (String[] rename : restore) {
            try {
                Files.move(folder.cur().resolve(rename[0]), folder.cur().resolve(rename[1]), StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                // changed again meanwhile: the next rescan sees it
            }
        }
        if (!restore.isEmpty()) folder.recordTimes();
        assign(pending);
        return !changed.isEmpty() || !gone.isEmpty() || !pending.isEmpty();
    }

    /** Only {@code new/} changed (a delivery): its files get UIDs. */
    boolean scanNew(long newTime) throws IOException {
        List<Pending> pending = new ArrayList<>();
        state.seenNew(newTime);
        for (String fileName : list(folder.newDir())) pending.add(new Pending(folder.newDir(), fileName, MessageFileName.parse(fileName)));
        assign(pending);
        return !pending.isEmpty();
    }

    private void assign(List<Pending> pending) throws IOException {
        if (pending.isEmpty()) return;
        record Timed(Pending file, long time, long size) {}
        List<Timed> timed = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            try {
                Path file = p.dir().resolve(p.fileName());
                long time = Files.getLastModifiedTime(file).toMillis();
                long size = p.name().size() >= 0 ? p.name().size() : Files.size(file);
                timed.add(new Timed(p, time, size));
            } catch (NoSuchFileException e) {
                // taken away since the listing
            }
        }
        if (timed.isEmpty()) return;
        timed.sort(Comparator.comparingLong(Timed::time).thenComparing(t -> t.file().fileName()));
        long first = state.reserveUids(folder.root, timed.size());
        long modSeq = state.nextModSeq(folder.root);
        List<Entry> added = new ArrayList<>(timed.size());
        boolean fromNew = false;
        for (int i = 0; i < timed.size(); i++) {
            Timed t = timed.get(i);
            Entry entry = state.entryOf(t.file().name(), first + i, t.size(), modSeq);
            try {
                Files.move(t.file().dir().resolve(t.file().fileName()), folder.cur().resolve(entry.fileName()), StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                continue; // removed since: its UID stays unused
            }
            fromNew |= t.file().dir().equals(folder.newDir());
            added.add(entry);
        }
        Maildir.syncDirectory(folder.cur()); // the UIDs are shown only once their names are durable
        if (fromNew) Maildir.syncDirectory(folder.newDir());
        state.add(added, modSeq);
        folder.recordTimes();
    }

    private static long sizeOf(Path dir, String fileName, MessageFileName name) throws IOException {
        if (name.size() >= 0) return name.size();
        try {
            return Files.size(dir.resolve(fileName));
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    /**
     * The message file names in a folder: no stat; names starting with a dot are not messages (Maildir spec).
     * {@code File.list} gives the names as strings, without a {@code Path} object per entry (100,000 per load).
     */
    static List<String> list(Path dir) throws IOException {
        String[] all = dir.toFile().list();
        if (all == null) {
            if (Files.exists(dir)) throw new IOException("cannot list " + dir);
            return List.of(); // not created yet: no messages
        }
        List<String> names = new ArrayList<>(all.length);
        for (String name : all) if (!name.startsWith(".")) names.add(name);
        return names;
    }
}
