package org.postroom.store.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * RFC 3501 6.4.6 STORE on the files, under the folder's lock: each changed message is one rename within {@code cur/}
 * (new info letters), all of one call share one new MODSEQ (RFC 7162 3.1.3). Not synced: a flag lost in a power cut
 * costs nothing but the flag, and the next rescan agrees with whatever name survived.
 */
final class FlagStore {
    private final MaildirFolder folder;
    private final FolderState state;

    FlagStore(MaildirFolder folder) {
        this.folder = folder;
        this.state = folder.state;
    }

    Folder.StoreResult apply(SortedSet<Long> uids, Folder.FlagChange change, long unchangedSince) throws IOException {
        boolean adding = change.mode() != Folder.FlagChange.Mode.REMOVE;
        long bits = state.keywordBits(folder.root, change.keywords(), adding);
        int flags = change.flags() & 31;
        List<Long> modified = new ArrayList<>();
        List<Entry[]> renames = new ArrayList<>();
        for (long uid : uids) {
            Entry e = state.find(uid);
            if (e == null) continue; // expunged: skipped (RFC 3501 7.4.1 leaves the answer to the door)
            if (e.info().modSeq() > unchangedSince) { // RFC 7162 3.1.3 UNCHANGEDSINCE
                modified.add(uid);
                continue;
            }
            int newFlags = switch (change.mode()) {
                case ADD -> e.info().flags() | flags;
                case REMOVE -> e.info().flags() & ~flags;
                case REPLACE -> flags;
            };
            long newBits = switch (change.mode()) {
                case ADD -> e.info().keywords() | bits;
                case REMOVE -> e.info().keywords() & ~bits;
                case REPLACE -> bits;
            };
            if (newFlags == e.info().flags() && newBits == e.info().keywords()) continue;
            renames.add(new Entry[] {e, e.with(newFlags, newBits, 0)});
        }
        if (renames.isEmpty()) return new Folder.StoreResult(List.of(), List.copyOf(modified));
        long modSeq = state.nextModSeq(folder.root);
        List<Entry> changed = new ArrayList<>(renames.size());
        for (Entry[] pair : renames) {
            Entry now = pair[1].with(pair[1].info().flags(), pair[1].info().keywords(), modSeq);
            try {
                Files.move(folder.cur().resolve(pair[0].fileName()), folder.cur().resolve(now.fileName()), StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                continue; // gone behind our back: the next rescan reports it
            }
            changed.add(now);
        }
        state.replace(changed, modSeq);
        folder.recordTimes();
        return new Folder.StoreResult(changed.stream().map(Entry::info).toList(), List.copyOf(modified));
    }
}
