package org.postroom.imap.server;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapState;
import org.postroom.imap.ImapStatus;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.ResponseCode;
import org.postroom.imap.SequenceSet;
import org.postroom.store.folder.Folder;
import org.postroom.store.folder.FolderException;
import org.postroom.trace.Event;

/**
 * COPY / UID COPY (RFC 3501 6.4.7, RFC 4315 COPYUID) and MOVE / UID MOVE (RFC 6851). A target that does not exist
 * is {@code NO [TRYCREATE]}. MOVE sends {@code * OK [COPYUID ...]} first, then the EXPUNGEs (the session's updates
 * after the command, which MOVE allows), then its OK (RFC 6851 4.3). A message another session expunged meanwhile is
 * simply not copied; when none of those named is left, {@code NO [EXPUNGEISSUED]} (RFC 2180 4.4.1).
 */
final class CopyCommand implements ImapCommand {
    private final boolean byUid;
    private final boolean move;

    CopyCommand(boolean byUid, boolean move) {
        this.byUid = byUid;
        this.move = move;
    }

    @Override
    public boolean allowedIn(ImapState state) {
        return States.SELECTED.allow(state);
    }

    @Override
    public Completion run(ImapSession session, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.space();
        SequenceSet set = args.sequenceSet();
        args.space();
        String targetName = args.mailbox();
        args.end();
        SelectedMailbox mailbox = (SelectedMailbox) session.selection;
        String verb = move ? "MOVE" : "COPY";
        if (move && mailbox.readOnly()) return Completion.no(ResponseCode.READ_ONLY, "The mailbox was opened with EXAMINE.");
        int[] sequences = MessageSet.resolve(set, byUid, mailbox);
        Folder target;
        try {
            target = session.folders.open(targetName);
        } catch (FolderException e) {
            if (e.reason() != FolderException.Reason.NONEXISTENT) throw e;
            return Completion.no(ResponseCode.TRYCREATE, "No such mailbox; create it first.");
        }
        if (sequences.length == 0) return Completion.ok(verb + " completed (nothing to " + verb.toLowerCase(java.util.Locale.ROOT) + ").");
        List<Long> uids = MessageSet.uids(sequences, mailbox);
        // MOVE removes the messages from this folder: their trace steps are read before (RFC 6851 3.3).
        Map<Long, Event> removedSteps = move ? ImapReadSteps.beforeRemoving(session, mailbox, sequences) : Map.of();
        Folder.CopyResult result = move ? mailbox.folder().move(uids, target) : mailbox.folder().copy(uids, target);
        ImapReadSteps.removed(session, removedSteps, result.sourceUids());
        if (result.sourceUids().isEmpty()) return Completion.no(ResponseCode.EXPUNGEISSUED, "The messages were expunged meanwhile.");
        ResponseCode copyUid = ResponseCode.copyUid(result.uidValidity(), result.sourceUids(), result.targetUids());
        if (move) {
            session.out().status(ImapStatus.OK, copyUid, "Moved.");
            return Completion.ok(verb + " completed.");
        }
        return Completion.ok(copyUid, verb + " completed.");
    }
}
