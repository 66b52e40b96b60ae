package org.postroom.store.folder;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.postroom.store.Maildir;

/**
 * COPY (RFC 3501 6.4.7, UIDPLUS COPYUID) and MOVE (RFC 6851) between two folders, both locked (in path order, so two
 * transfers in opposite directions cannot deadlock). The target's UIDs are reserved durably first. A copy is a hard
 * link under a new unique name (POP3 must never see two messages with one UIDL); a move is one rename per message,
 * atomic: the message is in one folder or the other, never lost and never in both after a crash.
 */
final class FolderTransfer {
    private final MaildirFolder source;
    private final MaildirFolder target;
    private final FolderRegistry registry;

    FolderTransfer(MaildirFolder source, MaildirFolder target, FolderRegistry registry) {
        this.source = source;
        this.target = target;
        this.registry = registry;
    }

    Folder.CopyResult run(SortedSet<Long> uids, boolean move) throws IOException {
        MaildirFolder first = source.root.toString().compareTo(target.root.toString()) <= 0 ? source : target;
        MaildirFolder second = first == source ? target : source;
        Folder.CopyResult result;
        first.lock.lock();
        second.lock.lock();
        try {
            source.refresh();
            if (target != source) target.refresh();
            result = transfer(uids, move);
        } finally {
            second.lock.unlock();
            first.lock.unlock();
        }
        if (!result.targetUids().isEmpty()) {
            target.notifyListeners();
            if (move && source != target) source.notifyListeners();
        }
        return result;
    }

    private Folder.CopyResult transfer(SortedSet<Long> uids, boolean move) throws IOException {
        List<Entry> chosen = new ArrayList<>();
        long octets = 0;
        for (long uid : uids) {
            Entry e = source.state.find(uid);
            if (e == null) continue;
            chosen.add(e);
            octets += e.info().size();
        }
        if (chosen.isEmpty()) return new Folder.CopyResult(target.state.uidValidity, List.of(), List.of());
        if (!move && registry.overQuota(target.userRoot, octets)) {
            throw new FolderException(FolderException.Reason.OVERQUOTA, "the mailbox is full");
        }
        target.createDirectories();
        long[] bits = new long[chosen.size()];
        for (int i = 0; i < chosen.size(); i++) bits[i] = target.state.keywordBits(target.root, names(chosen.get(i)), true);
        long firstUid = target.state.reserveUids(target.root, chosen.size());
        long modSeq = target.state.nextModSeq(target.root);
        List<Long> sourceUids = new ArrayList<>();
        List<Long> targetUids = new ArrayList<>();
        List<Entry> added = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Entry e = chosen.get(i);
            MessageInfo from = e.info();
            String unique = move ? from.uniqueName() : registry.uniqueName();
            String base = move ? e.base() : unique + ",S=" + from.size();
            MessageInfo info = new MessageInfo(firstUid + i, unique, from.size(), from.flags(), bits[i], modSeq);
            Entry copy = Entry.of(info, base, e.otherLetters());
            Path fromFile = source.cur().resolve(e.fileName());
            Path toFile = target.cur().resolve(copy.fileName());
            try {
                if (move) Files.move(fromFile, toFile, StandardCopyOption.ATOMIC_MOVE);
                else link(fromFile, toFile, target.root.resolve("tmp").resolve(unique));
            } catch (NoSuchFileException gone) {
                continue; // removed behind our back: its reserved UID stays unused
            }
            sourceUids.add(from.uid());
            targetUids.add(info.uid());
            added.add(copy);
        }
        Maildir.syncDirectory(target.cur()); // COPYUID names durable messages only
        target.state.add(added, modSeq);
        target.recordTimes();
        if (move && !sourceUids.isEmpty()) {
            if (source != target) Maildir.syncDirectory(source.cur());
            source.state.remove(sourceUids, source.state.nextModSeq(source.root));
            source.recordTimes();
        }
        return new Folder.CopyResult(target.state.uidValidity, List.copyOf(sourceUids), List.copyOf(targetUids));
    }

    private Set<String> names(Entry e) {
        Set<String> names = new LinkedHashSet<>();
        List<String> keywords = source.state.keywords;
        for (int i = 0; i < keywords.size(); i++) if ((e.info().keywords() & (1L << i)) != 0) names.add(keywords.get(i));
        return names;
    }

    /** A hard link (the file shares its bytes and its date); a synced copy where the file system has no links. */
    private static void link(Path from, Path to, Path tmp) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof NoSuchFileException missing) throw missing;
            try {
                Files.copy(from, tmp, StandardCopyOption.COPY_ATTRIBUTES);
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
