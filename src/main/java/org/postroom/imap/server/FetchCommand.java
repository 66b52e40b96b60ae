package org.postroom.imap.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapState;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.ResponseCode;
import org.postroom.imap.SequenceSet;
import org.postroom.imap.fetch.FetchItem;
import org.postroom.imap.fetch.FetchParser;
import org.postroom.imap.fetch.FetchRequest;
import org.postroom.imap.fetch.MessageView;
import org.postroom.imap.fetch.MessageSource;
import org.postroom.store.folder.Folder;
import org.postroom.store.folder.FolderException;
import org.postroom.store.folder.MessageInfo;

/**
 * FETCH and UID FETCH (RFC 3501 6.4.5, 6.4.8; RFC 7162 CHANGEDSINCE and MODSEQ). imap-mime's {@code FetchRenderer}
 * writes each response; this class picks the messages, sets \Seen for a body fetched without .PEEK in a read-write
 * folder (one STORE for all of them, before any response, so each response can carry the new FLAGS), and deals with
 * messages another session expunged: their flags are served from the view; for their content the renderer fails
 * before writing anything, they are left out, and the command answers {@code NO [EXPUNGEISSUED]} (RFC 5530) after
 * serving the rest. The response stream is never broken.
 */
final class FetchCommand implements ImapCommand {
    private final boolean byUid;

    FetchCommand(boolean byUid) {
        this.byUid = byUid;
    }

    @Override
    public boolean allowedIn(ImapState state) {
        return States.SELECTED.allow(state);
    }

    @Override
    public Updates updates() {
        return byUid ? Updates.ALL : Updates.NO_EXPUNGE; // RFC 3501 7.4.1
    }

    @Override
    public Completion run(ImapSession session, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.space();
        SequenceSet set = args.sequenceSet();
        args.space();
        FetchRequest request = FetchParser.parse(args);
        args.end();
        SelectedMailbox mailbox = (SelectedMailbox) session.selection;
        if (request.changedSince() >= 0 || request.has(FetchItem.Simple.MODSEQ)) Condstore.enable(session); // RFC 7162 3.1
        if (byUid) request = request.withUidFirst(); // RFC 3501 6.4.8
        if (request.changedSince() >= 0) request = request.with(FetchItem.Simple.MODSEQ); // RFC 7162 3.1.4.1
        // Once CONDSTORE is on, flags come with their MODSEQ (as Dovecot sends them): Thunderbird keeps its
        // HIGHESTMODSEQ from them.
        if (mailbox.withModSeq() && request.has(FetchItem.Simple.FLAGS)) request = request.with(FetchItem.Simple.MODSEQ);
        int[] sequences = MessageSet.resolve(set, byUid, mailbox);
        Set<Long> nowSeen = request.marksSeen() && !mailbox.readOnly() ? markSeen(mailbox, sequences) : Set.of();
        ImapReadSteps.read(session, mailbox, sequences, nowSeen);

        Folder folder = mailbox.folder();
        FetchRequest withFlags = request.with(FetchItem.Simple.FLAGS);
        // RFC 7162 3.1: under CONDSTORE a FETCH that set \Seen says the message's UID and new MODSEQ too.
        if (mailbox.withModSeq()) withFlags = withFlags.with(FetchItem.Simple.UID).with(FetchItem.Simple.MODSEQ);
        boolean someGone = false;
        for (int n : sequences) {
            MessageInfo message = mailbox.message(n);
            if (request.changedSince() >= 0 && message.modSeq() <= request.changedSince()) continue;
            FetchRequest asked = nowSeen.contains(message.uid()) ? withFlags : request;
            try {
                mailbox.renderer().render(session.out().stream(), asked,
                        new MessageView(n, message, false, mailbox.keywords(), MessageSource.of(folder, message)));
            } catch (FolderException e) {
                // The renderer opens the file before it writes a byte: nothing of this response went out.
                if (e.reason() != FolderException.Reason.EXPUNGEISSUED) throw e;
                someGone = true;
            }
        }
        if (someGone) return Completion.no(ResponseCode.EXPUNGEISSUED, "Some of the requested messages no longer exist.");
        return Completion.ok("FETCH completed.");
    }

    /**
     * RFC 3501 6.4.5: fetching a body without .PEEK sets \Seen. One STORE for every message that lacks it; the view
     * takes the new flags at once (they go out in these responses, so the updates after the command do not repeat them).
     */
    private static Set<Long> markSeen(SelectedMailbox mailbox, int[] sequences) throws IOException {
        List<Long> unseen = new ArrayList<>();
        for (int n : sequences) {
            MessageInfo m = mailbox.message(n);
            if (!m.has(MessageInfo.SEEN) && !mailbox.isExpunged(n)) unseen.add(m.uid());
        }
        if (unseen.isEmpty()) return Set.of();
        Folder.StoreResult result = mailbox.folder().store(unseen, new Folder.FlagChange(Folder.FlagChange.Mode.ADD, MessageInfo.SEEN, Set.of()), Long.MAX_VALUE);
        mailbox.acknowledge(result.changed());
        Set<Long> changed = new HashSet<>();
        for (MessageInfo m : result.changed()) changed.add(m.uid());
        return changed;
    }
}
