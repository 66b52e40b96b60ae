package org.postroom.imap.server;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.postroom.store.folder.Folder;
import org.postroom.store.folder.MessageInfo;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;
import org.postroom.trace.ReadSteps;
import org.postroom.trace.Trace;

/**
 * The trace steps of messages read (a body fetch that set \Seen, RFC 3501 6.4.5) or removed (EXPUNGE, UID EXPUNGE,
 * CLOSE, MOVE out of the folder) over IMAP, when {@code [trace] reads = true}; otherwise every method returns at once.
 * A message without Postroom's Received header is keyed by its file's unique name.
 */
final class ImapReadSteps {
    private ImapReadSteps() {}

    /** READ for the messages among {@code sequences} whose UID is in {@code nowSeen}. */
    static void read(ImapSession session, SelectedMailbox mailbox, int[] sequences, Set<Long> nowSeen) {
        Trace trace = session.services.trace();
        if (!trace.recordsReads() || nowSeen.isEmpty()) return;
        for (int n : sequences) {
            MessageInfo m = mailbox.message(n);
            if (nowSeen.contains(m.uid())) trace.record(step(session, EventKind.READ, mailbox.folder(), m));
        }
    }

    /**
     * The REMOVED steps of {@code messages}, by UID, read now while their files are still there; empty when reads are
     * not traced. Record the ones actually removed with {@link #removed}.
     */
    static Map<Long, Event> beforeRemoving(ImapSession session, Folder folder, Collection<MessageInfo> messages) {
        if (!session.services.trace().recordsReads()) return Map.of();
        Map<Long, Event> steps = new LinkedHashMap<>();
        for (MessageInfo m : messages) steps.put(m.uid(), step(session, EventKind.REMOVED, folder, m));
        return steps;
    }

    /** {@link #beforeRemoving} for the selected folder's messages {@code sequences} (MOVE). */
    static Map<Long, Event> beforeRemoving(ImapSession session, SelectedMailbox mailbox, int[] sequences) {
        if (!session.services.trace().recordsReads()) return Map.of();
        return beforeRemoving(session, mailbox.folder(), Arrays.stream(sequences).mapToObj(mailbox::message).toList());
    }

    /** Records the steps of the UIDs the folder says it removed. */
    static void removed(ImapSession session, Map<Long, Event> steps, Collection<Long> removedUids) {
        if (steps.isEmpty()) return;
        for (long uid : removedUids) {
            Event e = steps.get(uid);
            if (e != null) session.services.trace().record(e);
        }
    }

    private static Event step(ImapSession session, EventKind kind, Folder folder, MessageInfo m) {
        return ReadSteps.of(kind, "imap", () -> folder.open(m), "imap." + m.uniqueName(), session.user.address().toString(),
                session.clientAddress.getHostAddress(), session.services.trace().now(),
                Map.of("folder", folder.name(), "uid", Long.toString(m.uid())));
    }
}
