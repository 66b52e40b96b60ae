package org.postroom.service;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postroom.queue.QueueEntry;
import org.postroom.queue.Spool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue as the console lists it, kept in memory so that a page over 10,000 queued messages does not read 10,000
 * envelope files. A snapshot younger than {@link #FRESH} is served as it is; an older one is still served at once
 * while a background refresh runs (one at a time). A refresh lists the folder once, and re-reads only the messages
 * that are new or whose envelope file changed since (the message file's own envelope never changes: {@code Spool}).
 * The CLI, a process that lists once, builds one snapshot and leaves.
 */
final class QueueIndex {
    private static final Logger log = LoggerFactory.getLogger(QueueIndex.class);
    static final Duration FRESH = Duration.ofSeconds(5);

    /** A listing at one moment, in arrival order, with the ids whose envelope could not be read. */
    record Snapshot(Instant taken, List<Item> items, List<String> unreadable) {
        List<QueueEntry> entries() {
            return items.stream().map(Item::entry).toList();
        }
    }

    /** One message with what filtering asks of it, worked out once: its state, and its id, sender and recipients in lower case. */
    record Item(QueueEntry entry, String state, String searchText) {
        static Item of(QueueEntry e) {
            StringBuilder text = new StringBuilder(e.id()).append('\n');
            e.sender().ifPresent(a -> text.append(a).append('\n'));
            e.recipients().forEach(r -> text.append(r.address()).append('\n'));
            return new Item(e, e.summaryState(), text.toString().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private record Cached(Optional<FileTime> envelope, Item item) {}

    private final Spool spool;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final Object rebuild = new Object();
    private volatile Snapshot current;

    QueueIndex(Spool spool, Clock clock) {
        this.spool = spool;
        this.clock = clock;
    }

    /** The latest snapshot; the first one is built here, a stale one is refreshed behind the caller's back. */
    Snapshot snapshot() throws IOException {
        Snapshot s = current;
        if (s == null) return refresh();
        if (Duration.between(s.taken(), clock.instant()).compareTo(FRESH) > 0 && refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("queue-index").start(() -> {
                try {
                    refresh();
                } catch (IOException | RuntimeException e) {
                    log.warn("console: listing the queue: {}", e.toString());
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return s;
    }

    /** Lists the folder and re-reads what changed; the result is the new snapshot. */
    Snapshot refresh() throws IOException {
        synchronized (rebuild) {
            Instant taken = clock.instant();
            Spool.Listing listing = spool.listing();
            List<Item> entries = new ArrayList<>(listing.ids().size());
            List<String> unreadable = new ArrayList<>();
            for (String id : listing.ids()) {
                try {
                    Optional<FileTime> envelope = listing.withEnvelope().contains(id) ? spool.envelopeModified(id) : Optional.empty();
                    Cached known = cache.get(id);
                    if (known == null || !known.envelope().equals(envelope)) {
                        Optional<QueueEntry> read = spool.read(id);
                        if (read.isEmpty()) { // delivered meanwhile
                            cache.remove(id);
                            continue;
                        }
                        known = new Cached(envelope, Item.of(read.get()));
                        cache.put(id, known);
                    }
                    entries.add(known.item());
                } catch (IOException e) {
                    unreadable.add(id);
                }
            }
            if (cache.size() > entries.size() + unreadable.size()) cache.keySet().retainAll(new java.util.HashSet<>(listing.ids()));
            Snapshot s = new Snapshot(taken, List.copyOf(entries), List.copyOf(unreadable));
            current = s;
            return s;
        }
    }

    /** After an action on {@code id}: the next listing shows what it did, not what the snapshot remembered. */
    void changed(String id) throws IOException {
        cache.remove(id);
        refresh();
    }
}
