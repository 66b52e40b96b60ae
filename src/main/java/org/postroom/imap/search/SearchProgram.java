package org.postroom.imap.search;

import java.io.IOException;
import java.time.ZoneOffset;
import org.postroom.imap.fetch.MessageView;
import org.postroom.imap.fetch.StructureCache;

/**
 * A parsed SEARCH (RFC 3501 6.4.4): its keys, all of which must hold. {@link #matches} tests one message; the caller
 * runs it over the messages in sequence order and writes {@code * SEARCH} with the numbers (or UIDs) that match.
 *
 * @param key the top-level keys as one AND
 */
public record SearchProgram(SearchKey key) {
    /**
     * Whether {@code message} matches. Keys over flags, size, numbers and MODSEQ read nothing; date keys ask the source
     * for the internal date; header keys read the header only; BODY and TEXT read and decode the text parts.
     *
     * @param context the folder's largest sequence number and UID (for {@code *}), and where INTERNALDATE is dated
     */
    public boolean matches(MessageView message, Context context) throws IOException {
        return new Evaluation(message, context).test(key);
    }

    /**
     * @param lastSequence the session's largest sequence number (what {@code *} means in a sequence set)
     * @param lastUid the largest UID in the folder (what {@code *} means in a UID set)
     * @param zone the offset in which internal dates are compared by day (RFC 3501: "disregarding time")
     * @param cache the session's structure cache (BODY/TEXT read a message's structure first)
     */
    public record Context(long lastSequence, long lastUid, ZoneOffset zone, StructureCache cache) {}

    /** Whether testing a message opens its file (a header or body key, SENTBEFORE/ON/SINCE). */
    public boolean readsContent() {
        return key.cost().compareTo(SearchKey.Cost.HEADER) >= 0;
    }
}
