package org.postroom.store.folder;

/**
 * One message of a folder as the index knows it: small, immutable, one per message in memory.
 *
 * @param uid its IMAP UID in this folder (durable: it is in the file name, {@code ,U=n})
 * @param uniqueName the Maildir unique name (POP3's UIDL is made from it; it never changes)
 * @param size octets, CRLF line ends (the {@code ,S=} field)
 * @param flags system flags, the bits below (Maildir info letters in brackets)
 * @param keywords bit {@code i} set when the folder's keyword {@code i} is set ({@link FolderSnapshot#keywords()})
 * @param modSeq the MODSEQ of its last change (RFC 7162)
 */
public record MessageInfo(long uid, String uniqueName, long size, int flags, long keywords, long modSeq) {
    /** \Seen (S). */
    public static final int SEEN = 1;
    /** \Answered (R, replied). */
    public static final int ANSWERED = 2;
    /** \Flagged (F). */
    public static final int FLAGGED = 4;
    /** \Deleted (T, trashed). */
    public static final int DELETED = 8;
    /** \Draft (D). */
    public static final int DRAFT = 16;

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
