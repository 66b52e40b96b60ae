package org.postroom.imap.server;

import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapState;
import org.postroom.imap.ImapSyntaxException;

/**
 * CHECK (RFC 3501 6.4.1): a checkpoint. Every change is already on disk before its OK, so there is nothing to do;
 * the session sends the pending updates after it, as after NOOP.
 */
final class CheckCommand implements ImapCommand {
    @Override
    public boolean allowedIn(ImapState state) {
        return States.SELECTED.allow(state);
    }

    @Override
    public Completion run(ImapSession session, String tag, ArgumentCursor args) throws java.io.IOException, ImapSyntaxException {
        args.end();
        return Completion.ok("CHECK completed.");
    }
}
