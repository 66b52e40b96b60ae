package org.postroom.imap.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.postroom.imap.Completion;

/**
 * The authenticated state's session settings: NAMESPACE (RFC 2342: one personal namespace, no prefix, {@code /}
 * the delimiter) and ENABLE (RFC 5161: {@code * ENABLED} lists what was turned on; unknown names are ignored).
 */
final class SessionCommands {
    /** What ENABLE can turn on: CONDSTORE once CAPABILITY lists it (RFC 7162 3.1: ENABLE CONDSTORE enables it). */
    static final Set<String> ENABLEABLE = Capabilities.EXTENSIONS.contains(Condstore.NAME) ? Set.of(Condstore.NAME) : Set.of();

    private SessionCommands() {}

    static void register(ImapCommands commands) {
        commands.add("NAMESPACE", ImapCommand.of(ImapCommand.States.AUTHENTICATED, (s, tag, args) -> {
            args.end();
            s.out().untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
            return Completion.ok("NAMESPACE completed");
        }));
        // RFC 5161 3.1: only in the authenticated state, not once a mailbox is selected
        commands.add("ENABLE", new ImapCommand() {
            @Override
            public boolean allowedIn(org.postroom.imap.ImapState state) {
                return state == org.postroom.imap.ImapState.AUTHENTICATED;
            }

            @Override
            public Completion run(ImapSession s, String tag, org.postroom.imap.ArgumentCursor args)
                    throws java.io.IOException, org.postroom.imap.ImapSyntaxException {
                List<String> now = new ArrayList<>();
                int count = 0;
                do {
                    args.space();
                    String name = args.keyword();
                    if (++count > 100) throw new org.postroom.imap.ImapSyntaxException("Too many capabilities");
                    if (!ENABLEABLE.contains(name) || s.enabled.contains(name)) continue;
                    if (name.equals(Condstore.NAME)) Condstore.enable(s);
                    else s.enabled.add(name);
                    now.add(name);
                } while (!args.atEnd());
                s.out().untagged(now.isEmpty() ? "ENABLED" : "ENABLED " + String.join(" ", now));
                return Completion.ok("ENABLE completed");
            }
        });
    }
}
