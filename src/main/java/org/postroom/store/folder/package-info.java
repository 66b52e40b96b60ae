/**
 * A user's mailbox as folders (Maildir++): INBOX is the user's Maildir, other folders are {@code .Name} Maildirs
 * inside it. Each folder has durable UIDs, flags and keywords in its file names, a MODSEQ per change, and one shared
 * {@link org.postroom.store.folder.Folder} per process that every reader (IMAP sessions, POP3) and every delivery goes
 * through, so that a change made by one is an event for the others. Knows nothing of IMAP sequence numbers or
 * sockets; those are the door's.
 *
 * <p>SECURITY: folder names come from clients and are checked ({@code FolderNames.refusal}) before they reach a path:
 * no {@code .}, {@code /} only between non-empty levels, printable ASCII only, so a name never leaves the user's
 * Maildir. File names on disk are trusted to be the store's or a hand-placed message's; a name that does not parse
 * is treated as a message without a UID, never as an instruction. The counters, keyword and subscription files are
 * read leniently: a broken index is ignored (it is a cache), a broken counters file is an error that names it.
 */
package org.postroom.store.folder;
