package org.postroom.imap.server;

import java.io.IOException;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapState;
import org.postroom.imap.ImapSyntaxException;

/**
 * CLOSE (RFC 3501 6.4.2: in a read-write mailbox, the \Deleted messages are removed, silently) and UNSELECT (RFC
 * 3691: nothing removed). Either way the session is back in the authenticated state.
 */
final class CloseCommand implements ImapCommand {
    private final boolean expunge;

    CloseCommand(boolean expunge) {
        this.expunge = expunge;
    }

    @Override
    public boolean allowedIn(ImapState state) {
        return States.SELECTED.allow(state);
    }

    @Override
    public Updates updates() {
        return Updates.NONE; // RFC 3501 6.4.2: no untagged EXPUNGE
    }

    @Override
    public Completion run(ImapSession session, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.end();
        SelectedMailbox mailbox = (SelectedMailbox) session.selection;
        try {
            if (expunge && !mailbox.readOnly()) ExpungeCommand.expungeDeleted(session, mailbox, null);
        } finally {
            session.unselect();
        }
        return Completion.ok(expunge ? "CLOSE completed." : "UNSELECT completed.");
    }
}
