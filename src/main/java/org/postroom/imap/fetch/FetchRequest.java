package org.postroom.imap.fetch;

import java.util.ArrayList;
import java.util.List;

/**
 * What one FETCH asks for (RFC 3501 6.4.5), macros expanded, in the client's order.
 *
 * @param changedSince RFC 7162 3.1.4's CHANGEDSINCE modifier, or -1 when absent: only messages with a greater MODSEQ
 *     are fetched (the caller filters), and MODSEQ is in every response
 */
public record FetchRequest(List<FetchItem> items, long changedSince) {
    /** RFC 3501 6.4.5 macros. */
    public static final List<FetchItem> FAST = List.of(FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE, FetchItem.Simple.RFC822_SIZE);
    public static final List<FetchItem> ALL = List.of(FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE, FetchItem.Simple.RFC822_SIZE,
            FetchItem.Simple.ENVELOPE);
    public static final List<FetchItem> FULL = List.of(FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE, FetchItem.Simple.RFC822_SIZE,
            FetchItem.Simple.ENVELOPE, FetchItem.Simple.BODY);

    public FetchRequest {
        items = List.copyOf(items);
    }

    public static FetchRequest of(FetchItem... items) {
        return new FetchRequest(List.of(items), -1);
    }

    /** Whether a fetch sets \Seen on a message that has not got it (RFC 3501 6.4.5: BODY[...] without .PEEK, RFC822, RFC822.TEXT). */
    public boolean marksSeen() {
        for (FetchItem item : items) {
            if (item instanceof FetchItem.Section s && !s.peek()) return true;
        }
        return false;
    }

    /** Whether answering reads the message's file: false for FLAGS, UID, RFC822.SIZE, MODSEQ (and INTERNALDATE, a stat). */
    public boolean readsContent() {
        for (FetchItem item : items) {
            if (!(item instanceof FetchItem.Simple simple)) return true;
            if (simple == FetchItem.Simple.ENVELOPE || simple == FetchItem.Simple.BODY || simple == FetchItem.Simple.BODYSTRUCTURE) return true;
        }
        return false;
    }

    public boolean has(FetchItem item) {
        return items.contains(item);
    }

    /** The request with {@code item} added at the end unless present: UID for UID FETCH (RFC 3501 6.4.8), FLAGS after \Seen is set, MODSEQ with CONDSTORE. */
    public FetchRequest with(FetchItem item) {
        if (items.contains(item)) return this;
        List<FetchItem> more = new ArrayList<>(items);
        more.add(item);
        return new FetchRequest(more, changedSince);
    }

    /** The request with UID first (RFC 3501 6.4.8: UID FETCH always returns it; Dovecot puts it first, clients expect it early). */
    public FetchRequest withUidFirst() {
        if (items.contains(FetchItem.Simple.UID)) return this;
        List<FetchItem> more = new ArrayList<>();
        more.add(FetchItem.Simple.UID);
        more.addAll(items);
        return new FetchRequest(more, changedSince);
    }

    /** Whether every content item is the whole message (BODY[], RFC822): the file is sent from its start, nothing parsed. */
    boolean wholeOnly() {
        for (FetchItem item : items) {
            if (item instanceof FetchItem.Section s && !s.spec().equals(SectionSpec.WHOLE)) return false;
            if (item == FetchItem.Simple.BODY || item == FetchItem.Simple.BODYSTRUCTURE || item == FetchItem.Simple.ENVELOPE
                    || item instanceof FetchItem.BinarySize) return false;
        }
        return true;
    }

    /** Whether only the top-level header is needed from the file (ENVELOPE, HEADER, HEADER.FIELDS), not the structure. */
    boolean headerSuffices() {
        for (FetchItem item : items) {
            if (item == FetchItem.Simple.BODY || item == FetchItem.Simple.BODYSTRUCTURE || item instanceof FetchItem.BinarySize) return false;
            if (item instanceof FetchItem.Section s && !s.spec().topHeaderOnly() && !s.spec().equals(SectionSpec.WHOLE)
                    && !s.spec().equals(SectionSpec.TEXT)) return false;
        }
        return true;
    }
}
