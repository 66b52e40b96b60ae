package org.postroom.pop3.server;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 1939 4: "the POP3 server then acquires an exclusive-access lock on the maildrop". One Postroom process owns
 * its data folder, so the lock is a set of held Maildirs in memory: it cannot outlive a crash and needs no file
 * in the Maildir. (Delivery takes no lock: Maildir delivery never touches the files a reader has listed.)
 */
final class MailboxLocks {
    private final Set<Path> held = ConcurrentHashMap.newKeySet();

    /** A held lock; closing it releases it (once). */
    final class Lock implements AutoCloseable {
        private final Path maildir;
        private boolean released;

        private Lock(Path maildir) {
            this.maildir = maildir;
        }

        @Override
        public void close() {
            if (released) return;
            released = true;
            held.remove(maildir);
        }
    }

    /** The lock on this Maildir, or null when another session holds it. */
    Lock tryLock(Path maildir) {
        Path key = maildir.toAbsolutePath().normalize();
        return held.add(key) ? new Lock(key) : null;
    }

    int held() {
        return held.size();
    }
}
