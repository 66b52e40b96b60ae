package org.postroom.pop3.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.postroom.pop3.Uidl;
import org.postroom.store.folder.Folder;
import org.postroom.store.folder.FolderException;
import org.postroom.store.folder.MessageInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maildrop of one TRANSACTION state: the messages that were in the Maildir at login, numbered from 1, with
 * the session's marks. Mail delivered during the session is not in it (it is listed at the next login), and is
 * never touched by it: only the listed files are ever flagged or removed.
 *
 * <p>RFC 1939 6: messages marked as deleted are removed only in the UPDATE state ({@link #update}); a session
 * that ends any other way ({@link #abandon}) removes nothing. Either way the messages the client retrieved are
 * flagged seen then, so that IMAP later agrees with POP3; deferring it saves a rename for each message that is
 * downloaded and deleted.
 *
 * <p>It reads the INBOX through the store's shared {@link Folder}, as IMAP does: the messages are the folder's
 * snapshot at login (UID order, which is delivery order), a message is found by its UID in the folder's memory (no
 * directory listing per message), and the seen flags and removals are changes of that folder that IMAP sessions on
 * it hear at once. The UIDL stays the Maildir unique name, which a UID in the file name does not change.
 */
final class Maildrop {
    private static final Logger log = LoggerFactory.getLogger(Maildrop.class);

    private final Folder inbox;
    private final List<MessageInfo> messages;
    private final String[] uidls;
    private final boolean[] deleted;
    private final boolean[] retrieved;
    private int deletedCount;
    private long deletedOctets;
    private final long totalOctets;

    private Maildrop(Folder inbox, List<MessageInfo> messages) {
        this.inbox = inbox;
        this.messages = messages;
        this.uidls = new String[messages.size()];
        this.deleted = new boolean[messages.size()];
        this.retrieved = new boolean[messages.size()];
        long total = 0;
        for (MessageInfo m : messages) total += m.size();
        this.totalOctets = total;
    }

    static Maildrop open(Folder inbox) throws IOException {
        return new Maildrop(inbox, inbox.snapshot().messages());
    }

    /** What a message number names. */
    enum Lookup { PRESENT, DELETED, NO_SUCH_MESSAGE }

    Lookup lookup(int number) {
        if (number < 1 || number > messages.size()) return Lookup.NO_SUCH_MESSAGE;
        return deleted[number - 1] ? Lookup.DELETED : Lookup.PRESENT;
    }

    /** Messages not marked as deleted. */
    int count() {
        return messages.size() - deletedCount;
    }

    /** Their size in octets. */
    long octets() {
        return totalOctets - deletedOctets;
    }

    /** The highest message number (deleted ones included). */
    int size() {
        return messages.size();
    }

    long octets(int number) {
        return messages.get(number - 1).size();
    }

    String uidl(int number) {
        String uid = uidls[number - 1];
        if (uid == null) uidls[number - 1] = uid = Uidl.of(messages.get(number - 1).uniqueName());
        return uid;
    }

    /** Opens a present message's content; the caller closes it. */
    InputStream open(int number) throws IOException {
        try {
            return inbox.open(messages.get(number - 1));
        } catch (FolderException e) {
            if (e.reason() != FolderException.Reason.EXPUNGEISSUED) throw e;
            throw new NoSuchFileException(e.getMessage()); // removed by an IMAP session meanwhile
        }
    }

    void markRetrieved(int number) {
        retrieved[number - 1] = true;
    }

    void markDeleted(int number) {
        if (deleted[number - 1]) return;
        deleted[number - 1] = true;
        deletedCount++;
        deletedOctets += messages.get(number - 1).size();
    }

    /** The numbers of the messages marked as deleted, in order. */
    List<Integer> markedDeleted() {
        List<Integer> marked = new ArrayList<>(deletedCount);
        for (int i = 0; i < deleted.length; i++) if (deleted[i]) marked.add(i + 1);
        return marked;
    }

    /** RFC 1939 5 RSET: unmark every message marked as deleted. */
    void reset() {
        java.util.Arrays.fill(deleted, false);
        deletedCount = 0;
        deletedOctets = 0;
    }

    /** What the UPDATE state did. */
    record Outcome(int removed, int notRemoved, int left) {}

    /** RFC 1939 6: removes the messages marked as deleted (durably), then flags the retrieved ones seen. */
    Outcome update() throws IOException {
        List<Long> doomed = new ArrayList<>(deletedCount);
        for (int i = 0; i < messages.size(); i++) {
            if (deleted[i]) doomed.add(messages.get(i).uid());
        }
        int missing = doomed.isEmpty() ? 0 : doomed.size() - inbox.expunge(doomed).size();
        flagRetrieved(true);
        return new Outcome(doomed.size() - missing, missing, count());
    }

    /** The session ended without QUIT (hang-up, timeout, shutdown): nothing is removed. */
    void abandon() {
        flagRetrieved(false);
    }

    /** A flag that cannot be set is logged, not reported: the mail itself is fine, and the client is not to blame. */
    private void flagRetrieved(boolean skipRemoved) {
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            MessageInfo m = messages.get(i);
            if (!retrieved[i] || (skipRemoved && deleted[i]) || m.has(MessageInfo.SEEN)) continue;
            seen.add(m.uid());
        }
        if (seen.isEmpty()) return;
        try {
            inbox.store(seen, new Folder.FlagChange(Folder.FlagChange.Mode.ADD, MessageInfo.SEEN, Set.of()), Long.MAX_VALUE);
        } catch (IOException e) {
            log.warn("cannot flag {} message(s) of {} seen: {}", seen.size(), inbox, e.toString());
        }
    }

    int retrievedCount() {
        int n = 0;
        for (boolean r : retrieved) if (r) n++;
        return n;
    }
}
