package org.postroom.imap.search;

import java.time.LocalDate;
import java.util.List;

/**
 * One search key of RFC 3501 6.4.4 (and RFC 7162 3.1.5's MODSEQ), as parsed. Keys that RFC 3501 defines through
 * others are kept as themselves only where evaluation differs; NEW is {@code RECENT UNSEEN}, OLD is {@code NOT
 * RECENT}, the UN- flag keys are {@link Flag} with {@code set == false}.
 */
public sealed interface SearchKey {
    /** What evaluating a key costs, cheapest first: an AND tries its keys in this order. */
    enum Cost { INDEX, DATE, HEADER, BODY }

    Cost cost();

    /** A set of numbers where {@code *} stands for the largest in use (imap-server's SequenceSet::contains). */
    @FunctionalInterface
    interface NumberSet {
        boolean contains(long value, long star);
    }

    record All() implements SearchKey {
        public Cost cost() { return Cost.INDEX; }
    }

    /** Every key holds; kept sorted by cost. */
    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = keys.stream().sorted(java.util.Comparator.comparing(SearchKey::cost)).toList();
        }

        public Cost cost() { return keys.isEmpty() ? Cost.INDEX : keys.getLast().cost(); }
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
        public Cost cost() { return left.cost().compareTo(right.cost()) >= 0 ? left.cost() : right.cost(); }
    }

    record Not(SearchKey key) implements SearchKey {
        public Cost cost() { return key.cost(); }
    }

    /** A system flag ({@code MessageInfo} bit) set or not. */
    record Flag(int flag, boolean set) implements SearchKey {
        public Cost cost() { return Cost.INDEX; }
    }

    record Recent(boolean set) implements SearchKey {
        public Cost cost() { return Cost.INDEX; }
    }

    record Keyword(String name, boolean set) implements SearchKey {
        public Cost cost() { return Cost.INDEX; }
    }

    /** LARGER n ({@code larger}) or SMALLER n: RFC822.SIZE compared. */
    record Size(boolean larger, long octets) implements SearchKey {
        public Cost cost() { return Cost.INDEX; }
    }

    /** Message sequence numbers ({@code uid == false}) or UIDs. */
    record Numbers(NumberSet set, boolean uid) implements SearchKey {
        public Cost cost() { return Cost.INDEX; }
    }

    /** RFC 7162 3.1.5: MODSEQ at least {@code modSeq}. */
    record ModSeq(long modSeq) implements SearchKey {
        public Cost cost() { return Cost.INDEX; }
    }

    enum DateTest { BEFORE, ON, SINCE }

    /** BEFORE/ON/SINCE (internal date, {@code sent == false}) or SENTBEFORE/SENTON/SENTSINCE (Date header). */
    record Date(DateTest test, LocalDate date, boolean sent) implements SearchKey {
        public Cost cost() { return sent ? Cost.HEADER : Cost.DATE; }
    }

    /** HEADER name text, and FROM, TO, CC, BCC, SUBJECT (a header key for that field). */
    record Header(String field, String text) implements SearchKey {
        public Cost cost() { return Cost.HEADER; }
    }

    /** BODY text ({@code withHeader == false}) or TEXT text (header and body). */
    record Text(String text, boolean withHeader) implements SearchKey {
        public Cost cost() { return Cost.BODY; }
    }
}
