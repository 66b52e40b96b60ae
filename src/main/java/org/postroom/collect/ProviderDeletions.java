package org.postroom.collect;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.postroom.config.CollectAccount;
import org.postroom.pop3.client.Pop3Client;
import org.postroom.pop3.client.Pop3ClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cycle's deletions at the provider and the end of its POP3 session: which stored messages are due for DELE
 * (the account's {@code keep}), the DELEs of messages the filing lanes recorded, and the QUIT that applies them.
 *
 * <p>The lanes only queue a DELE ({@link #filed}); the cycle's thread, which owns the client, sends them between
 * downloads and before QUIT. RFC 1939 6: the provider removes the messages only at QUIT, so a session that ends
 * without one deletes nothing, and what was stored is downloaded again (the ledger keeps it from anyone twice).
 *
 * <p>SECURITY: trusts the ledger's times; the provider's replies only say whether a DELE was taken.
 */
final class ProviderDeletions {
    private static final Logger log = LoggerFactory.getLogger("postroom.collect");

    private final CollectAccount account;
    private final Clock clock;
    /** Messages filed and recorded in this cycle whose DELE is due: queued by the lanes, sent by the cycle's thread. */
    private final Queue<Filed> filed = new ConcurrentLinkedQueue<>();
    /** DELEs the provider took; counted by the cycle's thread only. */
    private int deleted;

    private record Filed(int number, String uidl) {}

    ProviderDeletions(CollectAccount account, Clock clock) {
        this.account = account;
        this.clock = clock;
    }

    /** Whether a message stored at {@code storedAt} is to be deleted at the provider now (keep = "0d": at once). */
    boolean due(Instant storedAt) {
        return account.keep().isPresent() && !storedAt.plus(account.keep().get()).isAfter(clock.instant());
    }

    /** A message just filed and recorded (from a lane): its DELE is queued if it is due now. */
    void filed(int number, String uidl) {
        if (due(clock.instant())) filed.add(new Filed(number, uidl));
    }

    /** Sends the DELEs of the messages the lanes have filed and recorded so far. */
    void deleteFiled(Pop3Client client) throws Pop3ClientException {
        for (Filed f; (f = filed.poll()) != null; ) delete(client, f.number(), f.uidl());
    }

    void delete(Pop3Client client, int number, String uidl) throws Pop3ClientException {
        if (client.delete(number)) {
            deleted++;
        } else {
            log.warn("account={} uidl={} the provider refused DELE; it is deleted in the next cycle", account.name(), uidl);
        }
    }

    /** The session's orderly end: the DELEs still queued, then QUIT, which applies them all. */
    void quit(Pop3Client client) throws Pop3ClientException {
        deleteFiled(client);
        client.quit();
    }

    /**
     * A cycle that must stop (storage failed) still ends with QUIT when the connection allows it: RFC 1939 6 applies
     * the DELEs only then, and without it the messages already stored would be downloaded again, and the next cycle
     * would stop at the same place. The lanes first finish what they hold.
     */
    void quitAfterFailure(Pop3Client client, FilingLanes lanes) {
        lanes.close();
        try {
            quit(client);
        } catch (IOException | RuntimeException e) {
            log.debug("account={} no QUIT after the failure: {}", account.name(), e.toString());
        }
    }

    /** Whether the POP3 conversation is still in step after {@code e}: the failure was ours, or a plain -ERR. */
    static boolean inStep(Exception e) {
        return !(e instanceof Pop3ClientException p) || p.kind() == Pop3ClientException.Kind.REFUSED;
    }

    /** How many messages the provider agreed to delete in this cycle. */
    int deleted() {
        return deleted;
    }
}
