package org.postroom.imap.server;

/**
 * The selected state's commands (RFC 3501 6.4 and the extensions): SELECT, EXAMINE, FETCH, STORE, SEARCH, COPY,
 * MOVE, EXPUNGE, CLOSE, UNSELECT, CHECK and their UID forms. Owned by imap-selected (issue 11); each command is its
 * own class, registered here.
 */
final class SelectedCommands {
    private SelectedCommands() {}

    static void register(ImapCommands commands) {
        // imap-selected registers its commands here, e.g. commands.add("SELECT", new SelectCommand(false));
    }
}
