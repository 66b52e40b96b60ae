package org.postroom.imap.server;

/**
 * RFC 7162 3.1: CONDSTORE is on for the rest of the session once the client says ENABLE CONDSTORE, SELECT ...
 * (CONDSTORE), or uses MODSEQ in FETCH or SEARCH, CHANGEDSINCE or UNCHANGEDSINCE (a "CONDSTORE enabling command").
 * From then on every FETCH response carries MODSEQ and flag updates are sent for a MODSEQ change alone.
 */
final class Condstore {
    static final String NAME = "CONDSTORE";

    private Condstore() {}

    static boolean on(ImapSession session) {
        return session.enabled.contains(NAME);
    }

    /** Turns it on for the session and its selected mailbox. */
    static void enable(ImapSession session) {
        session.enabled.add(NAME);
        if (session.selection instanceof SelectedMailbox mailbox) mailbox.enableModSeq();
    }
}
