package org.postroom.imap.server;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The commands the service knows, by name in upper case ({@code "LOGIN"}, {@code "UID FETCH"}). Built once at
 * start from the classes that own each group of commands; read by every session.
 */
final class ImapCommands {
    private final Map<String, ImapCommand> byName = new HashMap<>();

    /** Every command Postroom serves. */
    static ImapCommands standard() {
        ImapCommands commands = new ImapCommands();
        AnyStateCommands.register(commands);
        LoginCommands.register(commands);
        SessionCommands.register(commands);
        FolderCommands.register(commands);
        ListCommand.register(commands);
        StatusCommand.register(commands);
        AppendCommand.register(commands);
        IdleCommand.register(commands);
        SelectedCommands.register(commands);
        return commands;
    }

    void add(String name, ImapCommand command) {
        if (byName.putIfAbsent(name.toUpperCase(Locale.ROOT), command) != null) throw new IllegalStateException(name + " registered twice");
    }

    /** The command of that name (upper case), or null. */
    ImapCommand get(String name) {
        return byName.get(name);
    }
}
