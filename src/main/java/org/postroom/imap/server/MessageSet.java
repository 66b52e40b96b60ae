package org.postroom.imap.server;

import java.util.ArrayList;
import java.util.List;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.SequenceSet;

/**
 * A sequence set resolved against the selected mailbox: the sequence numbers it names, ascending, each once.
 * By UID (the UID commands): UIDs the mailbox does not hold are left out silently, and {@code n:*} always includes
 * the last message (RFC 3501 6.4.8). By sequence number: a number past the last message is the client's error.
 */
final class MessageSet {
    private MessageSet() {}

    /** A sequence number the mailbox does not have is answered BAD, as Dovecot does. */
    static int[] resolve(SequenceSet set, boolean byUid, SelectedMailbox mailbox) throws ImapSyntaxException {
        List<int[]> spans = new ArrayList<>();
        int exists = mailbox.exists();
        for (SequenceSet.Range written : set.ranges()) {
            int first;
            int last;
            if (byUid) {
                if (exists == 0) continue;
                SequenceSet.Range r = written.resolve(mailbox.lastUid());
                first = mailbox.firstSequenceFrom(r.first());
                last = mailbox.lastSequenceUpTo(r.last());
            } else {
                if (exists == 0 && set.usesStar()) continue; // "1:*" in an empty folder names nothing
                SequenceSet.Range r = written.resolve(exists);
                if (r.last() > exists) throw new ImapSyntaxException("No such message: " + set);
                first = (int) r.first();
                last = (int) r.last();
            }
            if (first <= last) spans.add(new int[] {first, last});
        }
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        int count = 0;
        int end = 0;
        for (int[] span : spans) {
            int from = Math.max(span[0], end + 1);
            if (from <= span[1]) count += span[1] - from + 1;
            end = Math.max(end, span[1]);
        }
        int[] sequences = new int[count];
        int at = 0;
        end = 0;
        for (int[] span : spans) {
            for (int n = Math.max(span[0], end + 1); n <= span[1]; n++) sequences[at++] = n;
            end = Math.max(end, span[1]);
        }
        return sequences;
    }

    /** The UIDs of these sequence numbers, ascending. */
    static List<Long> uids(int[] sequences, SelectedMailbox mailbox) {
        List<Long> uids = new ArrayList<>(sequences.length);
        for (int n : sequences) uids.add(mailbox.uid(n));
        return uids;
    }
}
