package org.postroom.store.folder;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import org.postroom.store.MessageWriter;

/**
 * One folder of one user, shared by every session and delivery in the process (one instance per folder path).
 * Every method is safe to call from any thread; every change made through it, by a delivery, or found by a rescan of
 * the files reaches every {@link #listen listener}.
 */
public interface Folder {
    /** The folder's IMAP name ({@code INBOX}, {@code Sent}, {@code Archive/2024}). */
    String name();

    /**
     * The messages now, sorted by UID, with UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ. Files that arrived without a UID
     * get one here (the UIDNEXT reservation durable first); edits made to the Maildir by hand are picked up.
     * Cheap when nothing changed.
     */
    FolderSnapshot snapshot() throws IOException;

    /** The message's content; {@link FolderException.Reason#EXPUNGEISSUED} if it is gone. The caller closes it. */
    InputStream open(MessageInfo message) throws IOException;

    /** The message's internal date (when it was delivered or appended). */
    Instant internalDate(MessageInfo message) throws IOException;

    /**
     * Changes flags and keywords (RFC 3501 STORE, RFC 7162 UNCHANGEDSINCE): returns the messages changed, with their
     * new flags and MODSEQ, and the UIDs refused because their MODSEQ was above {@code unchangedSince} (use
     * {@code Long.MAX_VALUE} for none). UIDs no longer in the folder are skipped.
     */
    StoreResult store(Collection<Long> uids, FlagChange change, long unchangedSince) throws IOException;

    /** Removes these messages (durably: the folder is synced); returns the UIDs actually removed, ascending. */
    java.util.List<Long> expunge(Collection<Long> uids) throws IOException;

    /**
     * Adds a message (IMAP APPEND): written to tmp/, synced, given the next UID, renamed in. Refused with
     * {@link FolderException.Reason#OVERQUOTA} when the user's quota would be exceeded.
     */
    AppendResult append(MessageWriter content, int flags, Set<String> keywords, Instant internalDate) throws IOException;

    /** Copies these messages into {@code target} (UIDPLUS COPYUID: the UIDs pairwise, ascending by source UID). */
    CopyResult copy(Collection<Long> uids, Folder target) throws IOException;

    /** Moves these messages into {@code target} (RFC 6851): copied, then expunged here; never lost half way. */
    CopyResult move(Collection<Long> uids, Folder target) throws IOException;

    /**
     * Calls {@code changed} (on any thread, quickly, without holding locks the caller may need) after every change to
     * this folder by anyone. Closing the returned handle stops the calls.
     */
    AutoCloseable listen(Runnable changed);

    /**
     * An object that lives as long as the folder's in-memory index (one load of its files): a cache derived from the
     * messages' content (IMAP's header cache) keys on it weakly, and is dropped with it when the folder is read
     * again from scratch or forgotten.
     */
    default Object cacheScope() {
        return this;
    }

    /** A change of flags: add, remove or replace the given system flags ({@link MessageInfo} bits) and keywords. */
    record FlagChange(Mode mode, int flags, Set<String> keywords) {
        public enum Mode { ADD, REMOVE, REPLACE }
    }

    record StoreResult(java.util.List<MessageInfo> changed, java.util.List<Long> modifiedSince) {}

    record AppendResult(long uidValidity, long uid) {}

    record CopyResult(long uidValidity, java.util.List<Long> sourceUids, java.util.List<Long> targetUids) {}
}
