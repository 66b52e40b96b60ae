package org.postroom.store.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;

/**
 * What a {@link MaildirFolder} knows, used under its lock only: the messages sorted by UID (an array, copied on
 * change, so each snapshot can share it), the counters, the keyword names, and when it last looked at the folders.
 */
final class FolderState {
    /** How far ahead the stored MODSEQ ceiling runs, so that the counters file is written once per this many changes. */
    private static final long MODSEQ_STEP = 1024;

    boolean loaded;
    long uidValidity;
    long uidNext = 1;
    long highestModSeq = 1;
    long modSeqCeiling;
    Entry[] entries = new Entry[0];
    List<String> keywords = List.of();
    long curTime = Long.MIN_VALUE;
    long newTime = Long.MIN_VALUE;
    long octets;
    /** Whether {@code postroom-index} on disk is exact (no change since it was written or read). */
    boolean indexValid;
    private FolderSnapshot snapshot;

    /**
     * Records {@code new/}'s modification time. A time within the last two seconds is not trusted: the kernel keeps
     * directory times in clock ticks (4 ms here), and a file linked by another process in the same tick as our own
     * last change would leave the time as it was. {@code new/} is small, so listing it again for two seconds is cheap.
     */
    void seenNew(long time) {
        boolean recent = time != -1 && System.currentTimeMillis() * 1_000_000L - time < 2_000_000_000L;
        newTime = recent ? Long.MIN_VALUE + 1 : time;
    }

    FolderSnapshot snapshot() {
        if (snapshot == null) snapshot = new FolderSnapshot(uidValidity, uidNext, highestModSeq, new Infos(entries), keywords);
        return snapshot;
    }

    /** The message with this UID, or null: a binary search, no map per message. */
    Entry find(long uid) {
        int low = 0;
        int high = entries.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = entries[mid].uid();
            if (at < uid) low = mid + 1;
            else if (at > uid) high = mid - 1;
            else return entries[mid];
        }
        return null;
    }

    /** Sets all messages at once (a load), sorted here. */
    void setAll(List<Entry> all) {
        entries = sortedByUid(all);
        octets = 0;
        for (Entry e : entries) octets += e.info().size();
        snapshot = null;
    }

    /**
     * The entries by UID. UIDs are nearly dense (expunges leave gaps), so where the highest is within a few times the
     * count each entry goes straight to its slot: linear, where a comparison sort of 100,000 costs more than the listing.
     */
    private static Entry[] sortedByUid(List<Entry> all) {
        long max = 0;
        for (Entry e : all) max = Math.max(max, e.info().uid());
        if (max > 4L * all.size() + 1024) {
            Entry[] sorted = all.toArray(new Entry[0]);
            Arrays.sort(sorted, (a, b) -> Long.compare(a.info().uid(), b.info().uid()));
            return sorted;
        }
        Entry[] slots = new Entry[(int) max + 1];
        for (Entry e : all) slots[(int) e.info().uid()] = e; // UIDs are unique here (the load skips a second claim)
        Entry[] sorted = new Entry[all.size()];
        int n = 0;
        for (Entry e : slots) if (e != null) sorted[n++] = e;
        return sorted;
    }

    /** Adds messages whose UIDs are above every UID here (new UIDs always are). */
    void add(List<Entry> added, long modSeq) {
        if (added.isEmpty()) return;
        Entry[] grown = Arrays.copyOf(entries, entries.length + added.size());
        for (int i = 0; i < added.size(); i++) {
            grown[entries.length + i] = added.get(i);
            octets += added.get(i).info().size();
        }
        entries = grown;
        touched(modSeq);
    }

    void remove(Collection<Long> uids, long modSeq) {
        Set<Long> doomed = new HashSet<>(uids);
        List<Entry> kept = new ArrayList<>(entries.length);
        for (Entry e : entries) {
            if (doomed.contains(e.uid())) octets -= e.info().size();
            else kept.add(e);
        }
        entries = kept.toArray(new Entry[0]);
        touched(modSeq);
    }

    /** Replaces messages by UID with new versions of themselves (flags changed). */
    void replace(List<Entry> changed, long modSeq) {
        if (changed.isEmpty()) return;
        Entry[] copy = entries.clone();
        for (Entry e : changed) {
            int at = Arrays.binarySearch(copy, e, (a, b) -> Long.compare(a.uid(), b.uid()));
            if (at >= 0) copy[at] = e;
        }
        entries = copy;
        touched(modSeq);
    }

    private void touched(long modSeq) {
        highestModSeq = Math.max(highestModSeq, modSeq);
        snapshot = null;
    }

    /**
     * Reserves {@code count} UIDs durably (the counters file written and synced) and returns the first: no file gets a
     * UID that a crash could hand out again.
     */
    long reserveUids(Path root, int count) throws IOException {
        if (uidValidity == 0) uidValidity = UidFile.newUidValidity();
        long first = uidNext;
        UidFile.write(root, new UidFile.Counters(uidValidity, first + count, Math.max(modSeqCeiling, highestModSeq + 1)));
        modSeqCeiling = Math.max(modSeqCeiling, highestModSeq + 1);
        uidNext = first + count;
        snapshot = null;
        return first;
    }

    /** The MODSEQ for the next change (RFC 7162); the stored ceiling moves ahead first when it would be passed. */
    long nextModSeq(Path root) throws IOException {
        if (indexValid) {
            FolderIndex.invalidate(root);
            indexValid = false;
        }
        long next = highestModSeq + 1;
        if (next > modSeqCeiling) {
            if (uidValidity == 0) uidValidity = UidFile.newUidValidity();
            long ceiling = next + MODSEQ_STEP;
            UidFile.write(root, new UidFile.Counters(uidValidity, uidNext, ceiling));
            modSeqCeiling = ceiling;
        }
        highestModSeq = next;
        snapshot = null;
        return next;
    }

    /** Writes the counters as they are (after a load found them missing or behind the files). */
    void persist(Path root) throws IOException {
        if (uidValidity == 0) uidValidity = UidFile.newUidValidity();
        modSeqCeiling = Math.max(modSeqCeiling, highestModSeq + MODSEQ_STEP);
        UidFile.write(root, new UidFile.Counters(uidValidity, uidNext, modSeqCeiling));
        snapshot = null;
    }

    /**
     * The keyword bits for these names; with {@code create}, names the folder does not know yet are added to
     * {@code dovecot-keywords} (written before any file name uses their letters). Unknown names are skipped otherwise.
     */
    long keywordBits(Path root, Set<String> names, boolean create) throws IOException {
        long bits = 0;
        List<String> known = keywords;
        for (String name : names) {
            int index = DovecotKeywords.indexOf(known, name);
            if (index < 0 && create) {
                if (known.size() >= DovecotKeywords.MAX) {
                    throw new FolderException(FolderException.Reason.LIMIT, "no room for more keywords in this folder");
                }
                List<String> more = new ArrayList<>(known);
                more.add(name);
                DovecotKeywords.write(root, more);
                known = List.copyOf(more);
                index = known.size() - 1;
            }
            if (index >= 0) bits |= 1L << index;
        }
        if (known != keywords) {
            keywords = known;
            snapshot = null;
        }
        return bits;
    }

    /** Re-reads the keyword names (someone else may have added some) when the file changed. */
    void reloadKeywords(Path root) throws IOException {
        if (!Files.isRegularFile(root.resolve(DovecotKeywords.NAME))) return;
        List<String> read = DovecotKeywords.read(root);
        if (!read.equals(keywords)) {
            keywords = read;
            snapshot = null;
        }
    }

    /** The entry for a file name read from disk: letters without a keyword name are kept, not shown. */
    Entry entryOf(MessageFileName name, long uid, long size, long modSeq) {
        int known = keywords.size() >= 26 ? -1 : (1 << keywords.size()) - 1;
        int letters = name.keywordLetters();
        String other = name.otherLetters();
        if ((letters & ~known) != 0) {
            StringBuilder more = new StringBuilder(other);
            for (int i = 0; i < 26; i++) {
                if ((letters & (1 << i)) != 0 && (known & (1 << i)) == 0) more.append((char) ('a' + i));
            }
            other = more.toString();
        }
        MessageInfo info = new MessageInfo(uid, name.uniqueName(), size, name.flags(), letters & known, modSeq);
        String base = name.size() < 0 ? name.base() + ",S=" + size : name.base();
        return Entry.of(info, base, other);
    }

    /** The messages of a snapshot: a view over the entries array, which is never changed once shared. */
    private static final class Infos extends AbstractList<MessageInfo> implements RandomAccess {
        private final Entry[] entries;

        Infos(Entry[] entries) {
            this.entries = entries;
        }

        @Override
        public MessageInfo get(int index) {
            return entries[index].info();
        }

        @Override
        public int size() {
            return entries.length;
        }
    }
}
