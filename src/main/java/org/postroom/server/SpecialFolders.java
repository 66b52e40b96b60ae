package org.postroom.server;

import java.io.IOException;
import org.postroom.directory.Directory;
import org.postroom.directory.User;
import org.postroom.store.MaildirStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start: every user has Sent, Drafts, Trash and Junk, created and subscribed where missing (users added before
 * IMAP existed, or whose folders were deleted by hand). A user whose folders cannot be made is logged, not fatal.
 */
final class SpecialFolders {
    private static final Logger log = LoggerFactory.getLogger(SpecialFolders.class);

    private SpecialFolders() {}

    static void ensure(Directory directory, MaildirStore store) {
        for (User user : directory.users()) {
            try {
                store.folders(user.address()).ensureSpecialFolders();
            } catch (IOException | RuntimeException e) {
                log.warn("cannot create the special folders of {}: {}", user.address(), e.toString());
            }
        }
    }
}
