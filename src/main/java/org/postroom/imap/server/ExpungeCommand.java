package org.postroom.imap.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapState;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.ResponseCode;
import org.postroom.imap.SequenceSet;
import org.postroom.store.folder.FolderSnapshot;
import org.postroom.store.folder.MessageInfo;

/**
 * EXPUNGE (RFC 3501 6.4.3) and UID EXPUNGE (RFC 4315 2.1): removes the messages flagged \Deleted (of the given
 * UIDs only, for UID EXPUNGE) and sends {@code * n EXPUNGE} for each. Only messages the client knows are removed: one
 * delivered with \Deleted since its last EXISTS is not its to expunge yet.
 */
final class ExpungeCommand implements ImapCommand {
    private final boolean byUid;

    ExpungeCommand(boolean byUid) {
        this.byUid = byUid;
    }

    @Override
    public boolean allowedIn(ImapState state) {
        return States.SELECTED.allow(state);
    }

    @Override
    public Completion run(ImapSession session, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        SequenceSet set = null;
        if (byUid) {
            args.space();
            set = args.sequenceSet();
        }
        args.end();
        SelectedMailbox mailbox = (SelectedMailbox) session.selection;
        if (mailbox.readOnly()) return Completion.no(ResponseCode.READ_ONLY, "The mailbox was opened with EXAMINE.");
        int[] named = set == null ? null : MessageSet.resolve(set, true, mailbox);
        expungeDeleted(session, mailbox, named);
        // The EXPUNGE responses are the session's updates after the command (EXPUNGE allows them).
        return Completion.ok("EXPUNGE completed.");
    }

    /**
     * Removes the known messages flagged \Deleted now ({@code among} these sequence numbers, or all when null).
     * CLOSE calls it too, and sends nothing.
     */
    static List<Long> expungeDeleted(ImapSession session, SelectedMailbox mailbox, int[] among) throws IOException {
        FolderSnapshot now = mailbox.folder().snapshot();
        long lastKnown = mailbox.lastUid();
        List<MessageInfo> doomed = new ArrayList<>();
        if (among == null) {
            for (MessageInfo m : now.messages()) {
                if (m.uid() > lastKnown) break;
                if (m.has(MessageInfo.DELETED)) doomed.add(m);
            }
        } else {
            Map<Long, MessageInfo> byUid = new HashMap<>();
            for (MessageInfo m : now.messages()) byUid.put(m.uid(), m);
            for (int n : among) {
                MessageInfo m = byUid.get(mailbox.uid(n));
                if (m != null && m.has(MessageInfo.DELETED)) doomed.add(m);
            }
        }
        if (doomed.isEmpty()) return List.of();
        // Read before the files go: the trace's steps join their messages' stories by the id at the top of each.
        var steps = ImapReadSteps.beforeRemoving(session, mailbox.folder(), doomed);
        List<Long> removed = mailbox.folder().expunge(doomed.stream().map(MessageInfo::uid).toList());
        ImapReadSteps.removed(session, steps, removed);
        return removed;
    }
}
