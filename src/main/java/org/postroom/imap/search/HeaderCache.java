package org.postroom.imap.search;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.postroom.imap.mime.HeaderValue;

/**
 * What header SEARCH keys need of each message of one folder, so that a second {@code SEARCH SUBJECT} over 100,000
 * messages reads no file: the values of From, To, Cc, Bcc and Subject decoded as RFC 3501 6.4.4 matching needs them
 * (RFC 2047 words, RFC 2231 parameters, raw 8-bit text: {@link HeaderValue#searchText}) and already folded as
 * {@link TextMatcher} folds, and the Date field's day (SENTBEFORE/ON/SINCE).
 *
 * <p>Keyed by Maildir unique name: a message's content never changes under its name, so a flag change or a rename
 * cannot make an entry wrong, and a message expunged leaves only an entry nobody asks for, dropped by
 * {@link #retain}. One cache per load of a folder ({@code Folder.cacheScope()}), shared by its sessions and held
 * weakly: when the folder is forgotten or read again from scratch (its index removed: "cold"), so is its cache.
 * Filled lazily by SEARCH. Bounded: at most {@link #MAX_CHARS} characters of text per folder (about 100,000 messages
 * of ordinary mail take a sixth of it), and a message whose fields are longer than {@link #MAX_ENTRY} is read from
 * its file each time.
 */
public final class HeaderCache {
    /** The fields kept, in the order of their segments in {@link Entry#text}. */
    static final List<String> FIELDS = List.of("from", "to", "cc", "bcc", "subject");
    static final int MAX_ENTRY = 4000;
    static final long MAX_CHARS = 24L * 1024 * 1024;
    /** Opens each value inside a field's segment; a value holding it has it replaced (it is no character, RFC 3629). */
    private static final char SEPARATOR = '\uFFFF';
    private static final int NO_DAY = Integer.MIN_VALUE;
    /** Shared by every message too long to keep: such a message is read from its file. */
    static final Entry TOO_LONG = new Entry("", 0, NO_DAY);
    private static final Map<Object, HeaderCache> CACHES = Collections.synchronizedMap(new WeakHashMap<>());

    HeaderCache() {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong chars = new AtomicLong();

    /** The cache of a folder's load ({@code Folder.cacheScope()}), created on first use. */
    public static HeaderCache of(Object scope) {
        return CACHES.computeIfAbsent(scope, f -> new HeaderCache());
    }

    /** Whether a HEADER key on {@code field} is answered from the cache. */
    static int fieldIndex(String field) {
        return FIELDS.indexOf(field.toLowerCase(Locale.ROOT));
    }

    Entry get(String uniqueName) {
        return entries.get(uniqueName);
    }

    /** Keeps {@code entry} unless the folder's budget is spent (the message is then read from its file, as before). */
    void put(String uniqueName, Entry entry) {
        if (entry != TOO_LONG && chars.addAndGet(entry.text.length()) > MAX_CHARS) {
            chars.addAndGet(-entry.text.length());
            return;
        }
        Entry old = entries.put(uniqueName, entry);
        if (old != null) chars.addAndGet(-old.text.length());
    }

    public int size() {
        return entries.size();
    }

    /**
     * Drops the entries of messages no longer in the folder, when they have become many (after expunges and moves):
     * {@code present} is asked only then.
     */
    public void retain(int messages, java.util.function.Supplier<Set<String>> present) {
        if (entries.size() <= messages + messages / 4 + 1024) return;
        Set<String> keep = present.get();
        entries.entrySet().removeIf(e -> {
            boolean gone = !keep.contains(e.getKey());
            if (gone) chars.addAndGet(-e.getValue().text.length());
            return gone;
        });
    }

    /** Builds a message's entry from its header. */
    static Entry entryOf(HeaderLines header) {
        StringBuilder text = new StringBuilder(128);
        long ends = 0;
        for (int f = 0; f < FIELDS.size(); f++) {
            for (String value : header.values(FIELDS.get(f))) {
                text.append(SEPARATOR);
                String decoded = HeaderValue.searchText(value);
                for (int i = 0; i < decoded.length(); i++) {
                    char c = TextMatcher.foldChar(decoded.charAt(i));
                    text.append(c == SEPARATOR ? '\uFFFD' : c);
                }
                if (text.length() > MAX_ENTRY) return TOO_LONG;
            }
            ends |= (long) text.length() << (12 * f); // 12 bits each: MAX_ENTRY < 4096
        }
        List<String> date = header.values("Date");
        LocalDate day = date.isEmpty() ? null : SentDate.parse(date.getFirst());
        return new Entry(text.toString(), ends, day == null ? NO_DAY : (int) day.toEpochDay());
    }

    /**
     * One message's fields: {@code text} holds each field's segment in {@link #FIELDS} order, each value opened by
     * {@link #SEPARATOR}; {@code ends} packs where each segment ends (12 bits each); {@code sentDay} is the Date
     * field's epoch day or {@link #NO_DAY}.
     */
    record Entry(String text, long ends, int sentDay) {
        private int end(int field) {
            return (int) (ends >>> (12 * field) & 0xfff);
        }

        /** RFC 3501 6.4.4 HEADER on a kept field: some value contains the text (an empty text: the field is there). */
        boolean matches(int field, TextMatcher matcher) {
            int start = field == 0 ? 0 : end(field - 1);
            int end = end(field);
            if (start == end) return false; // no such field
            return matcher.inFolded(text, start, end);
        }

        /** The Date field's day, or null when it has none that reads as a date. */
        LocalDate sentDate() {
            return sentDay == NO_DAY ? null : LocalDate.ofEpochDay(sentDay);
        }
    }
}
