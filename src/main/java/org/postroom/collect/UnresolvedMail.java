package org.postroom.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postroom.config.CollectAccount;
import org.postroom.directory.Directory;
import org.postroom.directory.Resolution;
import org.postroom.intake.Envelope;
import org.postroom.message.MailAddress;
import org.postroom.message.SpooledMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail the collector files somewhere other than its recipients' mailboxes: a message nobody local takes, to the
 * account's unresolved destination (an address, or held in {@code data/collect/held/ACCOUNT/}); and the postmaster's
 * note about a message left at the provider for its size. Delivery itself, and its record, is the caller's.
 */
final class UnresolvedMail {
    private static final Logger log = LoggerFactory.getLogger("postroom.collect");
    private static final int MEMORY_THRESHOLD = 1 << 20;

    /** Delivers through intake; with {@code recordAs}, records it in the ledger under those keys. Returns intake's id. */
    @FunctionalInterface
    interface Deliverer {
        String deliver(Envelope envelope, SpooledMessage message, Optional<Set<String>> recordAs) throws IOException;
    }

    private final CollectAccount account;
    private final Directory directory;
    private final CollectLedger ledger;
    private final Path dataDir;
    private final Clock clock;

    UnresolvedMail(CollectAccount account, Directory directory, CollectLedger ledger, Path dataDir, Clock clock) {
        this.account = account;
        this.directory = directory;
        this.ledger = ledger;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    /**
     * Delivers to the unresolved destination and records it: with {@code X-Postroom-Unresolved} on top, or, for a
     * message that cannot be filed normally, attached to a note ({@link UnfiledNote}). Returns intake's id of the
     * delivered copy, or empty when it is held.
     */
    Optional<String> send(Verdict verdict, Optional<MailAddress> sender, SpooledMessage message, String uidl, String messageKey, Deliverer deliverer)
            throws IOException {
        String destination = verdict.destination();
        String why = verdict.why().replaceAll("[\\r\\n]", " ");
        byte[] header = ("X-Postroom-Unresolved: " + why + "\r\n").getBytes(StandardCharsets.UTF_8);
        if (!destination.equals("hold") && directory.resolve(MailAddress.parse(destination)) instanceof Resolution.Deliver d) {
            try (SpooledMessage marked = spool()) {
                boolean attached = verdict.action() == Verdict.Action.CANNOT_FILE;
                if (attached) {
                    UnfiledNote.write(marked, account, uidl, why, destination, message);
                } else {
                    marked.write(header);
                    message.copyTo(marked);
                }
                MailAddress to = MailAddress.parse(destination);
                // The note is Postroom's own: from the null sender, as a notice is.
                String id = deliverer.deliver(new Envelope(attached ? Optional.empty() : sender, List.of(new Envelope.Recipient(to, d.users()))),
                        marked, Optional.of(Set.of("unresolved:" + destination)));
                log.info("account={} uidl={} id={} unresolved, to {}: {}", account.name(), uidl, id, destination, why);
                return Optional.of(id);
            }
        }
        // Held: written and synced first, then recorded; a crash between the two holds it twice, never loses it.
        HeldMail.write(dataDir, account.name(), clock, header, message, uidl);
        ledger.record(account.name(), uidl, messageKey, Set.of("unresolved:hold"), clock.instant());
        log.info("account={} uidl={} unresolved, held: {}", account.name(), uidl, why);
        return Optional.empty();
    }

    /** Tells the postmaster, once per message, that a message was left at the provider for its size. */
    void tellPostmasterTooLarge(String uidl, long size, Optional<MailAddress> postmaster, Deliverer deliverer) throws IOException {
        String key = "oversize:" + account.name() + ":" + uidl;
        if (postmaster.isEmpty() || ledger.delivered(key, "notice")) return;
        if (!(directory.resolve(postmaster.get()) instanceof Resolution.Deliver d)) return;
        try (SpooledMessage notice = spool()) {
            notice.write(UnfiledNote.tooLarge(account, uidl, size, postmaster.get()).getBytes(StandardCharsets.UTF_8));
            deliverer.deliver(new Envelope(Optional.empty(), List.of(new Envelope.Recipient(postmaster.get(), d.users()))), notice, Optional.empty());
        }
        ledger.note(key, "notice", clock.instant());
    }

    private SpooledMessage spool() {
        return new SpooledMessage(dataDir.resolve("collect").resolve("tmp"), MEMORY_THRESHOLD);
    }
}
