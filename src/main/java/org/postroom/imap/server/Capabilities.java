package org.postroom.imap.server;

import java.util.ArrayList;
import java.util.List;
import org.postroom.imap.ImapState;

/**
 * What CAPABILITY (RFC 3501 6.1.1) lists: only what is built. Before login also how to log in: STARTTLS on a plain
 * connection, and AUTH=PLAIN AUTH=LOGIN where passwords are allowed, else LOGINDISABLED (RFC 3501 6.2.3). No
 * COMPRESS=DEFLATE (issue 11: mox turned it off after interop problems).
 */
final class Capabilities {
    /** The extensions, in the order clients see them (CONDSTORE joins when the selected state's owner says it is done). */
    static final List<String> EXTENSIONS = List.of(
            "IMAP4rev1", "LITERAL+", "SASL-IR", "ID", "ENABLE", "IDLE", "NAMESPACE", "UNSELECT", "CHILDREN",
            "LIST-EXTENDED", "LIST-STATUS", "SPECIAL-USE", "UIDPLUS", "MOVE", "CONDSTORE");

    private Capabilities() {}

    static List<String> of(ImapSession s) {
        List<String> caps = new ArrayList<>(EXTENSIONS);
        caps.add("APPENDLIMIT=" + s.settings.appendLimit());
        if (s.state == ImapState.NOT_AUTHENTICATED) {
            if (!s.connection.tlsActive() && s.services.tls() != null) caps.add("STARTTLS");
            if (s.passwordsAllowedHere()) {
                caps.add("AUTH=PLAIN");
                caps.add("AUTH=LOGIN");
            } else {
                caps.add("LOGINDISABLED");
            }
        }
        return caps;
    }
}
