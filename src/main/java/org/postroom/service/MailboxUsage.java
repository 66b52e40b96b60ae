package org.postroom.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.postroom.directory.Directory;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;
import org.postroom.store.MaildirStore;

/**
 * Octets in every user's mailbox, for lists (the user list, the dashboard): measuring all of them walks every folder
 * of every mailbox (1,000 users: ~140 ms), so a measurement is kept for {@link #FRESH} and an older one is served
 * while one background walk replaces it, as the queue's listing is. One user's page asks {@link #now} instead.
 */
public final class MailboxUsage {
    static final Duration FRESH = Duration.ofMinutes(1);

    /** One walk over every mailbox: octets by address key, -1 for a mailbox that could not be read. */
    public record Measured(Instant at, Map<String, Long> bytesByKey) {}

    private final Supplier<Directory> directories;
    private final MaildirStore store;
    private final Clock clock;
    private final AtomicBoolean measuring = new AtomicBoolean();
    private volatile Measured last;

    public MailboxUsage(Supplier<Directory> directories, MaildirStore store, Clock clock) {
        this.directories = directories;
        this.store = store;
        this.clock = clock;
    }

    /** The last walk; the first is made here, an old one is made again in the background. */
    public Measured measured() {
        Measured known = last;
        if (known == null) return measure();
        if (Duration.between(known.at(), clock.instant()).compareTo(FRESH) > 0 && measuring.compareAndSet(false, true)) {
            Thread.ofVirtual().name("mailbox-usage").start(() -> {
                try {
                    measure();
                } finally {
                    measuring.set(false);
                }
            });
        }
        return known;
    }

    /** From the last walk; a mailbox it does not know (a user added since) is measured now. */
    public long of(MailAddress user) {
        Long known = measured().bytesByKey().get(user.key());
        return known != null ? known : now(user);
    }

    /** Measured now. */
    public long now(MailAddress user) {
        try {
            return store.usage(user);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private Measured measure() {
        Map<String, Long> bytes = new HashMap<>();
        for (User u : directories.get().users()) bytes.put(u.address().key(), now(u.address()));
        Measured m = new Measured(clock.instant(), Map.copyOf(bytes));
        last = m;
        return m;
    }
}
