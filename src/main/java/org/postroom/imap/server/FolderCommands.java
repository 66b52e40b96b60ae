package org.postroom.imap.server;

import java.io.IOException;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapSyntaxException;

/**
 * Folder management in the authenticated state (RFC 3501 6.3.3-6.3.7): CREATE, DELETE, RENAME, SUBSCRIBE,
 * UNSUBSCRIBE, through the user's {@link org.postroom.store.folder.UserFolders}; its refusals
 * ({@code ALREADYEXISTS}, {@code NONEXISTENT}, {@code CANNOT}) are answered NO with their RFC 5530 code. Names are
 * kept as the client wrote them (modified UTF-7), {@code /} the hierarchy delimiter.
 */
final class FolderCommands {
    private FolderCommands() {}

    static void register(ImapCommands commands) {
        commands.add("CREATE", ImapCommand.of(ImapCommand.States.AUTHENTICATED, FolderCommands::create));
        commands.add("DELETE", ImapCommand.of(ImapCommand.States.AUTHENTICATED, FolderCommands::delete));
        commands.add("RENAME", ImapCommand.of(ImapCommand.States.AUTHENTICATED, FolderCommands::rename));
        commands.add("SUBSCRIBE", ImapCommand.of(ImapCommand.States.AUTHENTICATED, (s, tag, args) -> subscribe(s, args, true)));
        commands.add("UNSUBSCRIBE", ImapCommand.of(ImapCommand.States.AUTHENTICATED, (s, tag, args) -> subscribe(s, args, false)));
    }

    /** One mailbox argument and the end of the command. */
    private static String mailboxArgument(ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.space();
        String name = args.mailbox();
        args.end();
        return name;
    }

    private static Completion create(ImapSession s, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        String name = mailboxArgument(args);
        // RFC 3501 6.3.3: a trailing delimiter asks for a name under which others will be made; Maildir++ needs no
        // placeholder, so the folder itself is made
        while (name.endsWith("/")) name = name.substring(0, name.length() - 1);
        if (name.isEmpty()) return Completion.no(org.postroom.imap.ResponseCode.CANNOT, "Invalid folder name");
        if (name.equals("INBOX")) return Completion.no(org.postroom.imap.ResponseCode.ALREADYEXISTS, "INBOX always exists");
        s.folders.create(name);
        return Completion.ok("CREATE completed");
    }

    private static Completion delete(ImapSession s, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        String name = mailboxArgument(args);
        if (name.equals("INBOX")) return Completion.no(org.postroom.imap.ResponseCode.CANNOT, "INBOX cannot be deleted");
        s.folders.delete(name);
        return Completion.ok("DELETE completed");
    }

    private static Completion rename(ImapSession s, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.space();
        String from = args.mailbox();
        args.space();
        String to = args.mailbox();
        args.end();
        s.folders.rename(from, to);
        return Completion.ok("RENAME completed");
    }

    private static Completion subscribe(ImapSession s, ArgumentCursor args, boolean subscribe) throws IOException, ImapSyntaxException {
        String name = mailboxArgument(args);
        s.folders.subscribe(name, subscribe);
        return Completion.ok(subscribe ? "SUBSCRIBE completed" : "UNSUBSCRIBE completed");
    }
}
