/**
 * A user's mailbox as folders (Maildir++): INBOX is the user's Maildir, other folders are {@code .Name} Maildirs
 * inside it. Each folder has durable UIDs, flags and keywords in its file names, a MODSEQ per change, and one shared
 * {@link org.postroom.store.folder.Folder} per process that every reader (IMAP sessions, POP3) and every delivery goes
 * through, so that a change made by one is an event for the others. Knows nothing of IMAP sequence numbers or
 * sockets; those are the door's.
 */
package org.postroom.store.folder;
