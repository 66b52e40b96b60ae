package org.postroom.imap.server;

import java.io.IOException;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapState;
import org.postroom.imap.ImapSyntaxException;

/**
 * One IMAP command (or its UID form, registered as {@code "UID FETCH"}). The session has read the tag and the
 * name and checked {@link #allowedIn}; the command reads its arguments from the cursor to their end
 * ({@link ArgumentCursor#end}), does its work, writes its untagged responses through
 * {@link ImapSession#out()}, and returns the tagged completion. A syntax error is thrown, not returned: the session
 * answers it {@code BAD}; a {@link org.postroom.store.folder.FolderException} is answered {@code NO} with its code.
 */
interface ImapCommand {
    boolean allowedIn(ImapState state);

    Completion run(ImapSession session, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException;

    /**
     * RFC 3501 7.4.1: which pending mailbox updates the session may send before this command's completion. FETCH,
     * STORE and SEARCH (not their UID forms) must not be followed by EXPUNGE.
     */
    default Updates updates() {
        return Updates.ALL;
    }

    enum Updates {
        /** EXISTS, EXPUNGE and flag changes. */
        ALL,
        /** EXISTS and flag changes; expunges wait (RFC 3501 7.4.1). */
        NO_EXPUNGE,
        /** Nothing (the command sent what it must itself: SELECT, CLOSE, LOGOUT). */
        NONE
    }

    /** The states in which a command runs. */
    enum States {
        ANY,
        NOT_AUTHENTICATED,
        AUTHENTICATED, // and SELECTED: RFC 3501 6.3 commands are valid in both
        SELECTED;

        boolean allow(ImapState state) {
            return switch (this) {
                case ANY -> state != ImapState.LOGOUT;
                case NOT_AUTHENTICATED -> state == ImapState.NOT_AUTHENTICATED;
                case AUTHENTICATED -> state == ImapState.AUTHENTICATED || state == ImapState.SELECTED;
                case SELECTED -> state == ImapState.SELECTED;
            };
        }
    }

    /** The body of a command, for {@link #of}. */
    @FunctionalInterface
    interface Body {
        Completion run(ImapSession session, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException;
    }

    /** A command from its states and body. */
    static ImapCommand of(States states, Body body) {
        return of(states, Updates.ALL, body);
    }

    static ImapCommand of(States states, Updates updates, Body body) {
        return new ImapCommand() {
            @Override
            public boolean allowedIn(ImapState state) {
                return states.allow(state);
            }

            @Override
            public Completion run(ImapSession session, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
                return body.run(session, tag, args);
            }

            @Override
            public Updates updates() {
                return updates;
            }
        };
    }
}
