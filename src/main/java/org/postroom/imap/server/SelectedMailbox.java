package org.postroom.imap.server;

import java.io.EOFException;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.postroom.imap.ImapStatus;
import org.postroom.imap.ResponseWriter;
import org.postroom.imap.fetch.FetchRenderer;
import org.postroom.imap.fetch.StructureCache;
import org.postroom.store.folder.Folder;
import org.postroom.store.folder.FolderException;
import org.postroom.store.folder.FolderSnapshot;
import org.postroom.store.folder.MessageInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The selected folder as this session's client knows it: message sequence numbers (RFC 3501 2.3.1.2) mapped to
 * UIDs, and each message's flags as last reported. The folder itself ({@link Folder}) is shared by every session;
 * this is the one thing per session, and it differs from the folder's newest {@link FolderSnapshot} only by what
 * the client has not been told yet.
 *
 * <p><b>Memory.</b> The view is a list of the shared, immutable {@link MessageInfo}s. While it matches a snapshot
 * (the usual case: everything reported) it <em>is</em> that snapshot's list, so a thousand sessions idling on one
 * folder hold one list between them. Only while an EXPUNGE is held back (below) does a session keep a list of its
 * own: one reference per message.
 *
 * <p><b>Updates</b> ({@link #sync}). A newer snapshot is compared with the view, merging by UID: UIDs that are gone
 * become {@code * n EXPUNGE} (in ascending order, each number counted after the ones before it were removed), new
 * UIDs one {@code * n EXISTS}, changed flags {@code * n FETCH (FLAGS ...)}. RFC 3501 7.4.1: no EXPUNGE may be sent
 * while responding to FETCH, STORE or SEARCH (the UID forms may), nor when no command is in progress (IDLE is a
 * command in progress); so the caller says whether expunges may be sent now, and when they may not, the gone
 * messages stay in the view, with their last flags, until a command that allows them. EXISTS never decreases
 * (7.3.1): a held-back message still counts.
 *
 * <p><b>\Recent</b> is never set and RECENT is always 0 (docs/quirks.md): IMAP4rev2 (RFC 9051) dropped it, and the
 * RFC 3501 rule (only the first session to see a message gets it) needs a durable claim per folder that no client we
 * serve reads.
 *
 * <p>Used by one session's thread; only the folder's listener ({@link #markChanged}) runs on others.
 */
final class SelectedMailbox implements Selection {
    private static final Logger log = LoggerFactory.getLogger(SelectedMailbox.class);

    private final Folder folder;
    private final boolean readOnly;
    private final long uidValidity;
    private final AutoCloseable listening;
    private final Signal signal;
    private FetchRenderer renderer;
    private StructureCache structures;
    /** RFC 7162: MODSEQ in flag updates, and a MODSEQ change alone is news ({@link Condstore}). */
    private boolean withModSeq;

    /** The messages by sequence number - 1, ascending by UID, flags as the client last heard them. */
    private List<MessageInfo> view;
    /** Messages in the view that are gone from {@link #latest} (EXPUNGE held back). */
    private int heldBack;
    /** The newest snapshot read. */
    private FolderSnapshot latest;
    /** The keyword names the client was told in FLAGS / PERMANENTFLAGS. */
    private List<String> announcedKeywords;

    /** What the folder's listener sets, from any thread. */
    private static final class Signal {
        /** The folder changed; the next command reads a new snapshot (IDLE listens for itself: Selection.listen). */
        volatile boolean changed;

        void fire() {
            changed = true;
        }
    }

    private SelectedMailbox(Folder folder, boolean readOnly, FolderSnapshot first, AutoCloseable listening, Signal signal) {
        this.folder = folder;
        this.readOnly = readOnly;
        this.uidValidity = first.uidValidity();
        this.latest = first;
        this.view = first.messages();
        this.announcedKeywords = first.keywords();
        this.listening = listening;
        this.signal = signal;
    }

    /**
     * Selects {@code folder}: listens for changes first, then reads the snapshot the client is told about, so that
     * no change falls between the two.
     */
    static SelectedMailbox select(Folder folder, boolean readOnly, boolean withModSeq) throws IOException {
        Signal signal = new Signal();
        AutoCloseable listening = folder.listen(signal::fire);
        try {
            SelectedMailbox mailbox = new SelectedMailbox(folder, readOnly, folder.snapshot(), listening, signal);
            mailbox.withModSeq = withModSeq;
            return mailbox;
        } catch (IOException | RuntimeException e) {
            closeQuietly(listening, folder.name());
            throw e;
        }
    }

    /** For tests of the update rules: a view of {@code first} with no folder behind it. */
    static SelectedMailbox of(FolderSnapshot first, boolean readOnly) {
        return new SelectedMailbox(null, readOnly, first, () -> {}, new Signal());
    }

    @Override
    public Folder folder() {
        return folder;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    /** Writes FETCH responses; its cache of message structures lives as long as the selection. */
    FetchRenderer renderer() {
        if (renderer == null) renderer = new FetchRenderer(structures(), zone());
        return renderer;
    }

    /** The structures of the messages read last (BODYSTRUCTURE, then the parts shown; SEARCH BODY). */
    StructureCache structures() {
        if (structures == null) structures = new StructureCache(16);
        return structures;
    }

    /** INTERNALDATE is shown, and SEARCH compares dates, in the server's offset now (as Dovecot does). */
    static ZoneOffset zone() {
        return OffsetDateTime.now().getOffset();
    }

    void enableModSeq() {
        withModSeq = true;
    }

    boolean withModSeq() {
        return withModSeq;
    }

    /**
     * The updates since the last ones sent, written (the session calls this before each tagged completion, and IDLE
     * on each change). A changed UIDVALIDITY voids everything the client knows: {@code * BYE}, and the connection
     * ends (as Dovecot does); the client reconnects and resynchronises.
     */
    @Override
    public void sendUpdates(ResponseWriter out, boolean expungesAllowed) throws IOException {
        List<MailboxUpdate> updates;
        try {
            updates = refresh(expungesAllowed, withModSeq);
        } catch (FolderException e) {
            // The folder was deleted or renamed away by another session (or by hand): the same as a new UIDVALIDITY.
            if (e.reason() != FolderException.Reason.NONEXISTENT) throw e;
            endSession(out, "The mailbox no longer exists; please reconnect.");
            return;
        }
        if (!UpdateWriter.write(out, updates, keywords(), withModSeq)) endSession(out);
    }

    /** {@code * BYE}, then the session's end: thrown as the end of the connection, which the session expects anywhere. */
    static void endSession(ResponseWriter out) throws IOException {
        endSession(out, "The mailbox was replaced (UIDVALIDITY changed); please reconnect.");
    }

    private static void endSession(ResponseWriter out, String why) throws IOException {
        out.status(ImapStatus.BYE, null, why);
        out.stream().flush();
        throw new EOFException("the selected mailbox is gone: " + why);
    }

    long uidValidity() {
        return uidValidity;
    }

    /** The newest snapshot read (UIDNEXT, HIGHESTMODSEQ, keywords); the view may lag behind it. */
    FolderSnapshot latest() {
        return latest;
    }

    /** The keyword names the client knows: bit {@code i} of a {@link MessageInfo#keywords()} is element {@code i}. */
    List<String> keywords() {
        return announcedKeywords;
    }

    /** The number of messages as the client knows it (the last EXISTS, less the EXPUNGEs since). */
    int exists() {
        return view.size();
    }

    /** Message {@code sequence} (1-based) as the client knows it. */
    MessageInfo message(int sequence) {
        return view.get(sequence - 1);
    }

    long uid(int sequence) {
        return view.get(sequence - 1).uid();
    }

    /** The UID of the last message, or 0 for an empty folder (what {@code *} means in a UID set, RFC 3501 6.4.8). */
    long lastUid() {
        return view.isEmpty() ? 0 : view.get(view.size() - 1).uid();
    }

    /** The sequence number of {@code uid}, or 0 if the client knows no such message. */
    int sequenceOf(long uid) {
        int at = search(uid);
        return at >= 0 ? at + 1 : 0;
    }

    /** The first sequence number whose UID is at least {@code uid} ({@link #exists()} + 1 if none). */
    int firstSequenceFrom(long uid) {
        int at = search(uid);
        return (at >= 0 ? at : -at - 1) + 1;
    }

    /** The last sequence number whose UID is at most {@code uid} (0 if none). */
    int lastSequenceUpTo(long uid) {
        int at = search(uid);
        return at >= 0 ? at + 1 : -at - 1;
    }

    /** Binary search over the view by UID, as {@link Collections#binarySearch}. */
    private int search(long uid) {
        int low = 0;
        int high = view.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = view.get(mid).uid();
            if (at < uid) low = mid + 1;
            else if (at > uid) high = mid - 1;
            else return mid;
        }
        return -(low + 1);
    }

    /** True if message {@code sequence} was expunged by someone else and the client has not been told yet. */
    boolean isExpunged(int sequence) {
        if (heldBack == 0) return false;
        MessageInfo known = view.get(sequence - 1);
        return indexIn(latest.messages(), known.uid()) < 0;
    }

    /** The folder's listener: something changed; the next {@link #needsSync} says so. */
    void markChanged() {
        signal.fire();
    }

    /** True if the folder changed since the last {@link #refresh}, or an EXPUNGE is still held back. */
    boolean needsSync() {
        return signal.changed || heldBack > 0;
    }

    /**
     * Reads the folder's newest snapshot and returns what to tell the client (see the class comment);
     * {@code expungeAllowed} false while responding to FETCH, STORE or SEARCH. {@code withModSeq} when the client
     * enabled CONDSTORE: a changed MODSEQ alone is then news too (RFC 7162 3.2).
     */
    List<MailboxUpdate> refresh(boolean expungeAllowed, boolean withModSeq) throws IOException {
        signal.changed = false; // before the snapshot: a change during it sets it again
        return sync(folder.snapshot(), expungeAllowed, withModSeq);
    }

    /** The updates from the view to {@code newer} (see the class comment); the view then is what they told. */
    List<MailboxUpdate> sync(FolderSnapshot newer, boolean expungeAllowed, boolean withModSeq) {
        if (newer.uidValidity() != uidValidity) {
            latest = newer;
            return List.of(new MailboxUpdate.UidValidityChanged(newer.uidValidity()));
        }
        if (newer == latest && heldBack == 0) return List.of();
        latest = newer;
        List<MailboxUpdate> updates = new ArrayList<>();
        if (!newer.keywords().equals(announcedKeywords)) {
            // Keyword bits are positions in the folder's keyword list, which only grows (store contract).
            announcedKeywords = newer.keywords();
            updates.add(new MailboxUpdate.KeywordsChanged(announcedKeywords));
        }
        List<MessageInfo> next = newer.messages();
        List<MessageInfo> merged = new ArrayList<>(Math.max(view.size(), next.size()));
        List<MailboxUpdate> flagUpdates = new ArrayList<>();
        long lastKnownUid = lastUid();
        int kept = 0; // held-back messages left in the view
        int i = 0;
        int j = 0;
        while (i < view.size() || j < next.size()) {
            MessageInfo known = i < view.size() ? view.get(i) : null;
            MessageInfo now = j < next.size() ? next.get(j) : null;
            if (known != null && (now == null || known.uid() < now.uid())) {
                // Gone from the folder.
                if (expungeAllowed) {
                    updates.add(new MailboxUpdate.Expunge(merged.size() + 1)); // the ones before it are renumbered
                } else {
                    merged.add(known);
                    kept++;
                }
                i++;
            } else if (known == null || now.uid() < known.uid()) {
                // New to the client. UIDs only grow, so anything new lies past the last UID the client knows; a lower
                // one would need renumbering no response can say, and is left out (it cannot happen with a store
                // that keeps its contract).
                if (now.uid() > lastKnownUid) merged.add(now);
                else log.warn("folder {}: UID {} appeared below the known {}, not shown", newer, now.uid(), lastKnownUid);
                j++;
            } else {
                if (known.flags() != now.flags() || known.keywords() != now.keywords()
                        || (withModSeq && known.modSeq() != now.modSeq())) {
                    flagUpdates.add(new MailboxUpdate.FlagsChanged(merged.size() + 1, now));
                }
                merged.add(now);
                i++;
                j++;
            }
        }
        int before = view.size() - (int) updates.stream().filter(MailboxUpdate.Expunge.class::isInstance).count();
        if (merged.size() > before) updates.add(new MailboxUpdate.Exists(merged.size()));
        updates.addAll(flagUpdates);
        heldBack = kept;
        // Back to the shared list whenever the view matches it (the usual case).
        view = merged.size() == next.size() && kept == 0 ? next : Collections.unmodifiableList(merged);
        return updates;
    }

    /**
     * The client now knows these messages' flags (it was sent them, or asked for them silently: STORE .SILENT), so
     * a later {@link #sync} does not report them again.
     */
    void acknowledge(List<MessageInfo> changed) {
        if (changed.isEmpty()) return;
        List<MessageInfo> copy = new ArrayList<>(view);
        for (MessageInfo m : changed) {
            int at = search(m.uid());
            if (at >= 0) copy.set(at, m);
        }
        view = Collections.unmodifiableList(copy);
    }

    private static int indexIn(List<MessageInfo> messages, long uid) {
        int low = 0;
        int high = messages.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = messages.get(mid).uid();
            if (at < uid) low = mid + 1;
            else if (at > uid) high = mid - 1;
            else return mid;
        }
        return -(low + 1);
    }

    /** Unselects: stops listening to the folder. */
    @Override
    public void close() {
        closeQuietly(listening, folder == null ? "(none)" : folder.name());
    }

    private static void closeQuietly(AutoCloseable listening, String name) {
        try {
            listening.close();
        } catch (Exception e) {
            log.debug("closing the listener of {}: {}", name, e.toString());
        }
    }
}
