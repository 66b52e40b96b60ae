package org.postroom.imap.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.store.folder.Folder;
import org.postroom.store.folder.FolderSnapshot;
import org.postroom.store.folder.MessageInfo;

/**
 * STATUS (RFC 3501 6.3.10): a folder's counts without selecting it, from the folder's current snapshot (cheap when
 * nothing changed). Also the {@code STATUS} return option of LIST (RFC 5819). {@code RECENT} is always 0
 * (docs/quirks.md); {@code SIZE} is RFC 8438's, {@code HIGHESTMODSEQ} RFC 7162's.
 */
final class StatusCommand {
    static final Set<String> ITEMS = Set.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "SIZE", "HIGHESTMODSEQ");

    private StatusCommand() {}

    static void register(ImapCommands commands) {
        commands.add("STATUS", ImapCommand.of(ImapCommand.States.AUTHENTICATED, StatusCommand::run));
    }

    private static Completion run(ImapSession s, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.space();
        String name = args.mailbox();
        args.space();
        List<String> items = items(args);
        args.end();
        write(s, name, s.folders.open(name), items); // NONEXISTENT: answered NO [NONEXISTENT]
        return Completion.ok("STATUS completed");
    }

    /** {@code "(" status-att *(SP status-att) ")"}. */
    static List<String> items(ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.expect('(');
        List<String> items = new ArrayList<>();
        while (true) {
            String item = args.keyword();
            if (!ITEMS.contains(item)) throw new ImapSyntaxException("Unknown STATUS item " + ImapSession.printable(item));
            if (items.size() > ITEMS.size() * 2) throw new ImapSyntaxException("Too many STATUS items");
            items.add(item);
            if (args.take(')')) return items;
            args.space();
        }
    }

    /** {@code * STATUS name (MESSAGES 3 UNSEEN 1 ...)}, the items in the order asked. */
    static void write(ImapSession s, String name, Folder folder, List<String> items) throws IOException {
        FolderSnapshot snapshot = folder.snapshot();
        var out = s.out();
        out.start().raw("STATUS ").astring(name).raw(" (");
        boolean first = true;
        for (String item : items) {
            if (!first) out.sp();
            first = false;
            out.raw(item).sp().number(value(snapshot, item));
        }
        out.raw(")").end();
    }

    private static long value(FolderSnapshot snapshot, String item) {
        return switch (item) {
            case "MESSAGES" -> snapshot.messages().size();
            case "RECENT" -> 0;
            case "UIDNEXT" -> snapshot.uidNext();
            case "UIDVALIDITY" -> snapshot.uidValidity();
            case "UNSEEN" -> snapshot.messages().stream().filter(m -> !m.has(MessageInfo.SEEN)).count();
            case "SIZE" -> snapshot.messages().stream().mapToLong(MessageInfo::size).sum();
            case "HIGHESTMODSEQ" -> snapshot.highestModSeq();
            default -> throw new IllegalArgumentException(item);
        };
    }
}
