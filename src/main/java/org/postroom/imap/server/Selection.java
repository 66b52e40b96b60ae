package org.postroom.imap.server;

import java.io.IOException;
import org.postroom.imap.ResponseWriter;
import org.postroom.store.folder.Folder;

/**
 * The session's selected mailbox as the session itself needs it (imap-selected's {@code SelectedMailbox} is one):
 * the folder, whether it was opened read-only (EXAMINE), the untagged updates pending since the last ones sent, and
 * the end of the selection.
 */
interface Selection {
    Folder folder();

    boolean readOnly();

    /**
     * Writes the updates pending since the last call (EXISTS, EXPUNGE, FETCH FLAGS; RFC 3501 7.4.1 decides which may go
     * now: {@code expungesAllowed} false holds back EXPUNGE).
     */
    void sendUpdates(ResponseWriter out, boolean expungesAllowed) throws IOException;

    /** Calls {@code changed} whenever the folder changes, until the handle is closed (IDLE waits on it). */
    default AutoCloseable listen(Runnable changed) {
        return folder().listen(changed);
    }

    /** The selection ends (CLOSE, UNSELECT, another SELECT, LOGOUT, the connection's end): stop listening. */
    void close();
}
