package org.postroom.imap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A sequence set (RFC 3501 9 {@code sequence-set}): numbers and ranges, comma separated, where {@code *} is the
 * largest number in use (the last message's sequence number, or the largest UID). A range may be written either
 * way round ({@code 4:2} is {@code 2:4}); {@code 7:*} with 7 above the largest is just the largest (RFC 3501 6.4.8).
 * Kept as written, resolved against a folder only when asked, so {@code 1:*} costs nothing to hold.
 */
public final class SequenceSet {
    /** {@code *} in a {@link Range}. */
    public static final long STAR = -1;
    /** More ranges than this is abuse: a client writes a long set as ranges. */
    static final int MAX_RANGES = 100_000;

    /** One element; {@code first == last} for a single number. Either may be {@link #STAR}. */
    public record Range(long first, long last) {
        /** The range with {@code *} replaced by {@code star}, low end first. */
        public Range resolve(long star) {
            long a = first == STAR ? star : first;
            long b = last == STAR ? star : last;
            return new Range(Math.min(a, b), Math.max(a, b));
        }
    }

    private final List<Range> ranges;

    private SequenceSet(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static SequenceSet of(List<Range> ranges) {
        if (ranges.isEmpty()) throw new IllegalArgumentException("empty sequence set");
        return new SequenceSet(ranges);
    }

    /** Parses the whole text as a sequence set. */
    public static SequenceSet parse(String text) throws ImapSyntaxException {
        List<Range> ranges = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            if (ranges.size() >= MAX_RANGES) throw new ImapSyntaxException("Too many ranges in the sequence set");
            long[] first = new long[1];
            i = number(text, i, first);
            long last = first[0];
            if (i < n && text.charAt(i) == ':') {
                long[] second = new long[1];
                i = number(text, i + 1, second);
                last = second[0];
            }
            ranges.add(new Range(first[0], last));
            if (i == n) return new SequenceSet(ranges);
            if (text.charAt(i) != ',') throw new ImapSyntaxException("Invalid sequence set: " + clip(text));
            i++;
        }
    }

    private static int number(String text, int i, long[] into) throws ImapSyntaxException {
        if (i < text.length() && text.charAt(i) == '*') {
            into[0] = STAR;
            return i + 1;
        }
        int start = i;
        long value = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            value = value * 10 + (text.charAt(i) - '0');
            if (value > 0xFFFF_FFFFL) throw new ImapSyntaxException("Number out of range in the sequence set");
            i++;
        }
        // RFC 3501 9: nz-number, no leading zero
        if (i == start || value == 0 || text.charAt(start) == '0') throw new ImapSyntaxException("Invalid sequence set: " + clip(text));
        into[0] = value;
        return i;
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    public List<Range> ranges() {
        return ranges;
    }

    /** Whether {@code value} is in the set when {@code *} stands for {@code star}. */
    public boolean contains(long value, long star) {
        for (Range r : ranges) {
            Range x = r.resolve(star);
            if (value >= x.first() && value <= x.last()) return true;
        }
        return false;
    }

    /** Whether {@code *} appears anywhere in the set. */
    public boolean usesStar() {
        return ranges.stream().anyMatch(r -> r.first() == STAR || r.last() == STAR);
    }

    /** The largest number written (ignoring {@code *}), for "is this sequence number in range" checks. */
    public long largestWritten() {
        long max = 0;
        for (Range r : ranges) max = Math.max(max, Math.max(r.first(), r.last()));
        return max;
    }

    /**
     * The shortest text for these numbers (for COPYUID, APPENDUID): ascending runs as ranges, {@code 1:3,7}.
     * Numbers are written in the order given, so pairs stay pairs (RFC 4315 3: source and target in the same order).
     */
    public static String format(Collection<Long> numbers) {
        StringBuilder s = new StringBuilder();
        long runStart = -1;
        long previous = -1;
        for (long n : numbers) {
            if (runStart >= 0 && n == previous + 1) {
                previous = n;
                continue;
            }
            if (runStart >= 0) appendRun(s, runStart, previous);
            runStart = previous = n;
        }
        if (runStart >= 0) appendRun(s, runStart, previous);
        return s.toString();
    }

    private static void appendRun(StringBuilder s, long first, long last) {
        if (!s.isEmpty()) s.append(',');
        s.append(first);
        if (last != first) s.append(':').append(last);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Range r : ranges) {
            if (!s.isEmpty()) s.append(',');
            s.append(r.first() == STAR ? "*" : Long.toString(r.first()));
            if (r.last() != r.first()) s.append(':').append(r.last() == STAR ? "*" : Long.toString(r.last()));
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceSet other && other.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }
}
