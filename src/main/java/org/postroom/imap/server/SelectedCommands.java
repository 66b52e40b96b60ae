package org.postroom.imap.server;

/**
 * The selected state's commands (RFC 3501 6.4 and the extensions): SELECT, EXAMINE, FETCH, STORE, SEARCH, COPY,
 * MOVE, EXPUNGE, CLOSE, UNSELECT, CHECK and their UID forms. Owned by imap-selected (issue 11); each command is its
 * own class, registered here.
 */
final class SelectedCommands {
    private SelectedCommands() {}

    static void register(ImapCommands commands) {
        commands.add("SELECT", new SelectCommand(false));
        commands.add("EXAMINE", new SelectCommand(true));
        commands.add("FETCH", new FetchCommand(false));
        commands.add("UID FETCH", new FetchCommand(true));
        commands.add("SEARCH", new SearchCommand(false));
        commands.add("UID SEARCH", new SearchCommand(true));
        commands.add("STORE", new StoreCommand(false));
        commands.add("UID STORE", new StoreCommand(true));
        commands.add("COPY", new CopyCommand(false, false));
        commands.add("UID COPY", new CopyCommand(true, false));
        commands.add("MOVE", new CopyCommand(false, true));
        commands.add("UID MOVE", new CopyCommand(true, true));
        commands.add("EXPUNGE", new ExpungeCommand(false));
        commands.add("UID EXPUNGE", new ExpungeCommand(true));
        commands.add("CLOSE", new CloseCommand(true));
        commands.add("UNSELECT", new CloseCommand(false));
        commands.add("CHECK", new CheckCommand());
    }
}
