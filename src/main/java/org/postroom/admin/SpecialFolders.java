package org.postroom.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.postroom.message.MailAddress;
import org.postroom.store.MaildirStore;

/**
 * Issue 11: a new user gets Sent, Drafts, Trash and Junk, created and subscribed, so that every IMAP client finds them
 * by their special use (RFC 6154). A failure is reported, not fatal: the user exists, and the server creates the
 * folders at its next start.
 */
final class SpecialFolders {
    private SpecialFolders() {}

    static void create(Path mailRoot, MailAddress user, PrintWriter err) {
        try {
            new MaildirStore(mailRoot, "admin").folders(user).ensureSpecialFolders();
        } catch (IOException | RuntimeException e) {
            err.println("note: could not create the folders Sent, Drafts, Trash and Junk for " + user + " (" + e
                    + "); the server creates them at its next start");
        }
    }
}
