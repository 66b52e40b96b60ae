package org.postroom.imap.server;

import org.postroom.directory.User;
import org.postroom.imap.Completion;
import org.postroom.store.folder.UserFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the password: may this user read mail over IMAP from here ({@code postroom user set --imap},
 * {@code --imap-office-only}, like POP3's), and the user's folders.
 */
final class ImapRights {
    private static final Logger log = LoggerFactory.getLogger(ImapRights.class);

    private ImapRights() {}

    /** Null when the user may go on; else the refusal. */
    static Completion check(ImapSession s, User user) {
        if (!user.imapAllowed()) {
            log.info("{} {} refused: IMAP not enabled for the account", s.sessionId, user.address());
            return LoginCommands.NOT_ALLOWED;
        }
        if (user.imapOfficeOnly() && !s.inOffice()) {
            log.info("{} {} refused: IMAP from the office only, client [{}]", s.sessionId, user.address(), s.clientAddress.getHostAddress());
            return LoginCommands.OFFICE_ONLY;
        }
        return null;
    }

    /** The user's folders, shared with every session and delivery; the quota goes with them (APPEND, COPY). */
    static UserFolders folders(ImapSession s, User user) {
        return s.services.store().folders(user.address(), user.quotaBytes());
    }
}
