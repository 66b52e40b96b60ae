package org.postroom.store.folder;

import java.io.IOException;
import java.util.List;

/**
 * A user's folders (Maildir++ on disk: INBOX is the Maildir itself, {@code Sent} is {@code .Sent/}, {@code A/B} is
 * {@code .A.B/}), got from the store for a user. Names are case-sensitive except INBOX; the delimiter is {@code /}.
 */
public interface UserFolders {
    /** Every folder, INBOX first, then by name. */
    List<FolderInfo> list() throws IOException;

    /** The shared folder by name; {@link FolderException.Reason#NONEXISTENT} if there is none. */
    Folder open(String name) throws IOException;

    /** ALREADYEXISTS, or CANNOT for a name the store cannot hold (a {@code .} in it, INBOX's children, ...). */
    void create(String name) throws IOException;

    /** NONEXISTENT, or CANNOT for INBOX; the folder's messages are moved aside, not lost (as user removal does). */
    void delete(String name) throws IOException;

    /** RFC 3501 RENAME, children included; renaming INBOX moves its messages into a new folder. */
    void rename(String from, String to) throws IOException;

    void subscribe(String name, boolean subscribed) throws IOException;

    /** Octets used by every folder's messages (the quota counts them all), without scanning per message. */
    long usage() throws IOException;

    /** Creates and subscribes Sent, Drafts, Trash and Junk with their special-use flags where missing. */
    void ensureSpecialFolders() throws IOException;
}
