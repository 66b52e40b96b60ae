package org.postroom.imap.server;

import java.util.ArrayList;
import java.util.List;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapStatus;
import org.postroom.imap.ImapSyntaxException;

/** RFC 3501 6.1, valid in every state: CAPABILITY, NOOP, LOGOUT; and RFC 2971 ID. */
final class AnyStateCommands {
    private static final String VERSION = versionOf();

    private AnyStateCommands() {}

    static void register(ImapCommands commands) {
        commands.add("CAPABILITY", ImapCommand.of(ImapCommand.States.ANY, (s, tag, args) -> {
            args.end();
            s.out().untagged("CAPABILITY " + String.join(" ", Capabilities.of(s)));
            return Completion.ok("CAPABILITY completed");
        }));
        // RFC 3501 6.1.2: NOOP is how a client polls for updates; they go out before its OK.
        commands.add("NOOP", ImapCommand.of(ImapCommand.States.ANY, (s, tag, args) -> {
            args.end();
            return Completion.ok("NOOP completed");
        }));
        commands.add("LOGOUT", ImapCommand.of(ImapCommand.States.ANY, ImapCommand.Updates.NONE, (s, tag, args) -> {
            args.end();
            s.out().status(ImapStatus.BYE, null, "Postroom logging out");
            s.unselect();
            s.state = org.postroom.imap.ImapState.LOGOUT;
            return Completion.ok("LOGOUT completed");
        }));
        commands.add("ID", ImapCommand.of(ImapCommand.States.ANY, (s, tag, args) -> {
            args.space();
            List<String> client = idParameters(args);
            args.end();
            if (!client.isEmpty()) {
                org.slf4j.LoggerFactory.getLogger(ImapSession.class).info("{} client ID {}", s.sessionId, printable(client));
            }
            // RFC 2971 3.3: the server's own
            s.out().start().raw("ID (").string("name").sp().string("Postroom").sp().string("version").sp().string(VERSION).raw(")").end();
            return Completion.ok("ID completed");
        }));
    }

    /** RFC 2971 3.1: {@code "(" string SP nstring *(SP string SP nstring) ")" / nil}, at most 30 pairs. */
    private static List<String> idParameters(org.postroom.imap.ArgumentCursor args) throws java.io.IOException, ImapSyntaxException {
        List<String> pairs = new ArrayList<>();
        if (!args.take('(')) {
            if (!args.keyword().equals("NIL")) throw new ImapSyntaxException("Expected a parameter list or NIL");
            return pairs;
        }
        if (args.take(')')) return pairs;
        while (true) {
            if (pairs.size() >= 60) throw new ImapSyntaxException("Too many ID parameters");
            pairs.add(args.string());
            args.space();
            String value = args.nstring();
            pairs.add(value == null ? "NIL" : value);
            if (args.take(')')) return pairs;
            args.space();
        }
    }

    private static String printable(List<String> pairs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            if (!s.isEmpty()) s.append(", ");
            s.append(ImapSession.printable(pairs.get(i))).append('=').append(ImapSession.printable(pairs.get(i + 1)));
        }
        return s.toString();
    }

    private static String versionOf() {
        String v = AnyStateCommands.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
