package org.postroom.imap.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.ResponseWriter;
import org.postroom.store.folder.FolderInfo;

/**
 * LIST (RFC 3501 6.3.8 with RFC 5258 LIST-EXTENDED, RFC 6154 SPECIAL-USE, RFC 3348 CHILDREN, RFC 5819
 * LIST-STATUS) and LSUB (RFC 3501 6.3.9). The folders come from the store with their attributes
 * ({@code \HasChildren}/{@code \HasNoChildren}, {@code \Noselect}, special use) and subscription; special-use and
 * children attributes are always sent (RFC 6154 2 and RFC 5258 allow it, and clients look for them in a plain LIST).
 */
final class ListCommand {
    private static final Set<String> SPECIAL_USE = Set.of("\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash");

    /** What LIST was asked: selection options, patterns, return options. */
    private record Request(boolean subscribed, boolean specialUse, boolean recursive, String reference, List<String> patterns,
            boolean returnSubscribed, List<String> status) {}

    private ListCommand() {}

    static void register(ImapCommands commands) {
        commands.add("LIST", ImapCommand.of(ImapCommand.States.AUTHENTICATED, ListCommand::list));
        commands.add("LSUB", ImapCommand.of(ImapCommand.States.AUTHENTICATED, ListCommand::lsub));
    }

    private static Completion list(ImapSession s, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        Request request = parse(args);
        if (request.patterns().size() == 1 && request.patterns().getFirst().isEmpty() && !request.subscribed() && !request.specialUse()) {
            // RFC 3501 6.3.8: an empty pattern asks for the delimiter and the root
            s.out().untagged("LIST (\\Noselect) \"/\" \"\"");
            return Completion.ok("LIST completed");
        }
        List<FolderInfo> all = s.folders.list();
        for (FolderInfo folder : all) {
            if (!matches(request, folder.name())) continue;
            Set<String> attributes = new LinkedHashSet<>(folder.attributes());
            if (request.specialUse() && attributes.stream().noneMatch(SPECIAL_USE::contains)) continue;
            // RFC 5258 3.5: with RECURSIVEMATCH, a folder with subscribed children is sent with CHILDINFO, subscribed or not
            boolean childInfo = request.subscribed() && request.recursive() && hasSubscribedChild(all, folder.name());
            if (request.subscribed() && !folder.subscribed() && !childInfo) continue;
            if (folder.subscribed() && (request.subscribed() || request.returnSubscribed())) attributes.add("\\Subscribed");
            writeList(s.out(), "LIST", attributes, folder.name(), childInfo);
            if (!request.status().isEmpty() && !attributes.contains("\\Noselect")) {
                StatusCommand.write(s, folder.name(), s.folders.open(folder.name()), request.status());
            }
        }
        return Completion.ok("LIST completed");
    }

    private static boolean matches(Request request, String name) {
        for (String pattern : request.patterns()) {
            if (ListPattern.of(request.reference(), pattern).matches(name)) return true;
        }
        return false;
    }

    private static boolean hasSubscribedChild(List<FolderInfo> all, String name) {
        String prefix = name + "/";
        return all.stream().anyMatch(f -> f.subscribed() && f.name().startsWith(prefix));
    }

    /** RFC 3501 6.3.9: the subscribed folders that match; attributes as for LIST but only \Noselect matters. */
    private static Completion lsub(ImapSession s, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.space();
        String reference = args.astring();
        args.space();
        String pattern = args.listMailbox();
        args.end();
        if (pattern.isEmpty()) {
            s.out().untagged("LSUB (\\Noselect) \"/\" \"\"");
            return Completion.ok("LSUB completed");
        }
        ListPattern match = ListPattern.of(reference, pattern);
        for (FolderInfo folder : s.folders.list()) {
            if (!folder.subscribed() || !match.matches(folder.name())) continue;
            Set<String> attributes = new LinkedHashSet<>();
            if (folder.attributes().contains("\\Noselect")) attributes.add("\\Noselect");
            writeList(s.out(), "LSUB", attributes, folder.name(), false);
        }
        return Completion.ok("LSUB completed");
    }

    private static void writeList(ResponseWriter out, String verb, Set<String> attributes, String name, boolean childInfo) throws IOException {
        out.start().raw(verb).raw(" (").raw(String.join(" ", attributes)).raw(") \"/\" ").astring(name);
        if (childInfo) out.raw(" (\"CHILDINFO\" (\"SUBSCRIBED\"))");
        out.end();
    }

    /**
     * RFC 5258 6: {@code LIST [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]}.
     */
    private static Request parse(ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.space();
        boolean subscribed = false;
        boolean specialUse = false;
        boolean recursive = false;
        if (args.take('(')) {
            if (!args.take(')')) {
                do {
                    String option = args.keyword();
                    switch (option) {
                        case "SUBSCRIBED" -> subscribed = true;
                        case "SPECIAL-USE" -> specialUse = true;
                        case "RECURSIVEMATCH" -> recursive = true;
                        case "REMOTE" -> { } // no remote folders here (RFC 5258 3.1)
                        default -> throw new ImapSyntaxException("Unknown LIST selection option " + ImapSession.printable(option));
                    }
                } while (args.take(' '));
                args.expect(')');
            }
            // RFC 5258 3.1: RECURSIVEMATCH alone is an error
            if (recursive && !subscribed && !specialUse) throw new ImapSyntaxException("RECURSIVEMATCH needs another selection option");
            args.space();
        }
        String reference = args.astring();
        args.space();
        List<String> patterns = new ArrayList<>();
        if (args.take('(')) {
            do {
                if (patterns.size() >= 100) throw new ImapSyntaxException("Too many patterns");
                patterns.add(args.listMailbox());
            } while (args.take(' '));
            args.expect(')');
        } else {
            patterns.add(args.listMailbox());
        }
        boolean returnSubscribed = false;
        List<String> status = List.of();
        if (!args.atEnd()) {
            args.space();
            if (!args.keyword().equals("RETURN")) throw new ImapSyntaxException("Expected RETURN");
            args.space();
            args.expect('(');
            if (!args.take(')')) {
                do {
                    String option = args.keyword();
                    switch (option) {
                        case "SUBSCRIBED" -> returnSubscribed = true;
                        case "CHILDREN", "SPECIAL-USE" -> { } // always sent
                        case "STATUS" -> {
                            args.space();
                            status = StatusCommand.items(args);
                        }
                        default -> throw new ImapSyntaxException("Unknown LIST return option " + ImapSession.printable(option));
                    }
                } while (args.take(' '));
                args.expect(')');
            }
        }
        args.end();
        return new Request(subscribed, specialUse, recursive, reference, patterns, returnSubscribed, status);
    }
}
