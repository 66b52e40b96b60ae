package org.postroom.collect;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.postroom.config.CollectAccount;
import org.postroom.directory.Directory;
import org.postroom.intake.Arrival;
import org.postroom.intake.Envelope;
import org.postroom.intake.Intake;
import org.postroom.intake.IntakeResult;
import org.postroom.message.AddressSyntaxException;
import org.postroom.message.MailAddress;
import org.postroom.message.SpooledMessage;
import org.postroom.net.ClientTls;
import org.postroom.pop3.client.Pop3Client;
import org.postroom.pop3.client.Pop3ClientException;
import org.postroom.pop3.client.Pop3Timeouts;
import org.postroom.store.PreparedDelivery;
import org.postroom.router.Router;
import org.postroom.trace.EventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cycle for one account: log in, list, and for each message the provider holds: download it to disk, find its
 * recipients, deliver it durably through intake, record it, and only then DELE it (when the account does not keep
 * mail at the provider). A message stored in an earlier cycle is not downloaded again; if its DELE failed, it is
 * deleted now. The order makes a dropped connection or a kill at any point lose nothing: what was not recorded is
 * downloaded again, and the per-recipient record keeps a second download from reaching anyone twice.
 */
public final class AccountCollector {
    private static final Logger log = LoggerFactory.getLogger("postroom.collect");
    private static final int MEMORY_THRESHOLD = 1 << 20;
    /** Messages filed at once while the next downloads (FilingLanes); more gains little on a single disk. */
    private static final int FILING_LANES = 4;

    /** Whether a cycle changes anything. */
    public enum Run { COLLECT, DRY_RUN }

    private final CollectAccount account;
    private final Intake intake;
    private final Sorter sorter;
    private final UnresolvedMail unresolvedMail;
    private final CollectLedger ledger;
    private final Path dataDir;
    private final Clock clock;
    private final Pop3Timeouts timeouts;
    private volatile boolean stopping;
    /** How the running cycle's messages arrived (the provider's address and TLS), for their Received header. */
    private volatile Arrival arrival;

    /** @param router decides who gets each message, as for any door (the collector's sender is an outsider) */
    public AccountCollector(CollectAccount account, Directory directory, Router router, Intake intake, CollectLedger ledger, Path dataDir,
            Clock clock, Pop3Timeouts timeouts) {
        this.account = account;
        this.intake = intake;
        this.sorter = new Sorter(account, directory, router, intake, ledger);
        this.unresolvedMail = new UnresolvedMail(account, directory, ledger, dataDir, clock);
        this.ledger = ledger;
        this.dataDir = dataDir;
        this.clock = clock;
        this.timeouts = timeouts;
    }

    /** Ends the running cycle after the message in hand (its QUIT still applies the DELEs sent so far). */
    void stop() {
        stopping = true;
    }

    public CollectAccount account() {
        return account;
    }

    /** The outcome of a cycle: its report, and with {@link Run#DRY_RUN} what was decided for each message. */
    public record Outcome(CycleReport report, List<Sorting> sortings) {}

    public Outcome run(Run run) {
        Instant started = clock.instant();
        Counts counts = new Counts(new ProviderDeletions(account, clock));
        List<Sorting> sortings = new ArrayList<>(); // filled by the cycle's thread only: a dry run files inline
        Optional<String> error = Optional.empty();
        try {
            if (run == Run.COLLECT) ledger.finishPending(dataDir, account.name());
        } catch (IOException | RuntimeException e) {
            log.warn("account={} cannot finish deliveries an earlier cycle left pending; no cycle now: {}", account.name(), e.toString());
            return new Outcome(new CycleReport(account.name(), started, clock.instant(), 0, 0, 0, 0, Optional.of(e.toString()), Optional.empty()), List.of());
        }
        // The lanes close before the client: what they hold is filed and recorded even when the provider went away.
        try (Pop3Client client = open();
                FilingLanes lanes = new FilingLanes(run == Run.COLLECT ? FILING_LANES : 0, "collect-" + account.name())) {
            arrival = new Arrival(account.server().host(), client.remoteAddress().orElse(InetAddress.getLoopbackAddress()), "POP3",
                    client.tls(), Optional.empty(), false);
            Map<Integer, String> uidls = client.uidl();
            Map<Integer, Long> sizes = client.list();
            counts.messages = uidls.size();
            try {
                for (Map.Entry<Integer, String> m : uidls.entrySet()) {
                    // The server is stopping, filing failed, or a download could not be kept: the rest waits for the next cycle.
                    if (stopping || lanes.failed() || counts.stoppedBy != null) break;
                    counts.deletions.deleteFiled(client);
                    one(client, lanes, m.getKey(), m.getValue(), sizes.getOrDefault(m.getKey(), 0L), run, counts, sortings);
                }
                lanes.finish();
            } catch (IOException | RuntimeException e) {
                if (ProviderDeletions.inStep(e)) counts.deletions.quitAfterFailure(client, lanes);
                throw e;
            }
            counts.deletions.quit(client);
            if (run == Run.COLLECT) ledger.forgetOthers(account.name(), Set.copyOf(uidls.values()));
            error = Optional.ofNullable(counts.stoppedBy); // ended with QUIT all the same: what was stored is deleted
        } catch (Pop3ClientException | StorageException e) {
            error = Optional.of(e.getMessage());
            log.warn("account={} cycle stopped: {}", account.name(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            error = Optional.of(e.toString());
            log.warn("account={} cycle stopped: {}", account.name(), e.toString(), e);
        }
        try {
            ledger.clearPending(List.copyOf(counts.promised));
        } catch (RuntimeException e) {
            log.warn("account={} cannot clear finished deliveries (the next cycle will): {}", account.name(), e.toString());
        }
        CycleReport report = new CycleReport(account.name(), started, clock.instant(), counts.messages, counts.delivered.get(),
                counts.unresolved.get(), counts.duplicates.get(), error, Optional.empty());
        if (error.isEmpty() && run == Run.COLLECT) { // a dry run is not a cycle: it logs none
            log.info("account={} cycle done: messages={} delivered={} unresolved={} duplicates={} deleted={}", account.name(), counts.messages,
                    counts.delivered, counts.unresolved, counts.duplicates, counts.deletions.deleted());
        }
        return new Outcome(report, sortings);
    }

    /** A cycle's tally; the lanes count from their own threads. */
    private static final class Counts {
        int messages;
        final AtomicInteger delivered = new AtomicInteger();
        final AtomicInteger unresolved = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        /** Why the cycle stopped early but cleanly (a download that could not be kept), for the status; set by the cycle's thread. */
        String stoppedBy;
        /** The tmp/ files of this cycle's deliveries, complete now: their collect_pending rows go at the end of the cycle. */
        final Queue<String> promised = new ConcurrentLinkedQueue<>();
        /** The DELEs due at the provider and the session's end. */
        final ProviderDeletions deletions;

        Counts(ProviderDeletions deletions) {
            this.deletions = deletions;
        }
    }

    private Pop3Client open() throws IOException {
        Optional<ClientTls> tls = account.tls() == CollectAccount.TlsMode.NONE ? Optional.empty() : Optional.of(clientTls());
        Pop3Client client = Pop3Client.connect(account.server().host(), account.server().port(), timeouts,
                account.tls() == CollectAccount.TlsMode.IMPLICIT ? tls : Optional.empty());
        try {
            if (account.tls() == CollectAccount.TlsMode.STARTTLS) client.startTls(tls.orElseThrow());
            switch (account.loginMethod()) {
                case USER -> client.login(account.login(), account.password());
                case PLAIN -> client.authPlain(account.login(), account.password());
            }
            return client;
        } catch (Pop3ClientException e) {
            client.close();
            throw e;
        }
    }

    private ClientTls clientTls() throws IOException {
        return clientTls(account, dataDir);
    }

    /** The TLS an account trusts: the system's authorities, its own CA file, or one pinned certificate. */
    static ClientTls clientTls(CollectAccount account, Path dataDir) throws IOException {
        return switch (account.trust()) {
            case SYSTEM -> ClientTls.system();
            case CA_FILE -> ClientTls.authorities(dataDir.resolve(account.caFile().orElseThrow()));
            case PINNED -> ClientTls.pinned(dataDir.resolve(account.caFile().orElseThrow()));
        };
    }

    /** Downloads one message and hands it to the lanes; a message stored earlier is only deleted when due. */
    private void one(Pop3Client client, FilingLanes lanes, int number, String uidl, long listedSize, Run run, Counts counts,
            List<Sorting> sortings) throws IOException {
        Optional<Instant> storedAt = ledger.storedAt(account.name(), uidl);
        if (storedAt.isPresent()) {
            if (run == Run.DRY_RUN) {
                sortings.add(new Sorting(number, uidl, true, "", "", List.of(), List.of(), List.of(), List.of(), "", ""));
            } else if (counts.deletions.due(storedAt.get())) {
                counts.deletions.delete(client, number, uidl);
            }
            return;
        }
        if (listedSize > account.maxMessageSize() && account.oversize() == CollectAccount.OversizePolicy.SKIP) {
            log.warn("account={} uidl={} size={} is larger than max_message_size={}: left at the provider", account.name(), uidl, listedSize,
                    account.maxMessageSize());
            if (run == Run.DRY_RUN) {
                String why = "too large (" + listedSize + " octets): left at the provider";
                sortings.add(new Sorting(number, uidl, false, "", why, List.of(), List.of(), List.of(), List.of(), "", why));
            } else {
                unresolvedMail.tellPostmasterTooLarge(uidl, listedSize, sorter.postmaster(),
                        (envelope, notice, recordAs) -> deliver(envelope, notice, uidl, Optional.empty()));
            }
            return;
        }
        SpooledMessage message = new SpooledMessage(dataDir.resolve("collect").resolve("tmp"), MEMORY_THRESHOLD);
        boolean handedOver = false;
        try {
            MessageDigest sha = sha256();
            try {
                client.retrieve(number, new DigestOutputStream(message, sha));
            } catch (Pop3ClientException e) {
                if (e.kind() != Pop3ClientException.Kind.REFUSED) throw e;
                // One message the provider will not give out must not block the rest of the mailbox.
                log.warn("account={} uidl={} the provider refused RETR; left there: {}", account.name(), uidl, e.getMessage());
                return;
            }
            if (message.spillFailure().isPresent()) {
                // The disk is full (RFC 3463 4.3.1): the spill file is already gone; no DELE, and no further download
                // that would fail the same way. The cycle ends with QUIT for what was stored before.
                counts.stoppedBy = "disk full: uidl " + uidl + " (" + message.size() + " octets) could not be written to "
                        + relative(dataDir.resolve("collect").resolve("tmp")) + " (" + message.spillFailure().get().getMessage()
                        + "); left at the provider";
                log.warn("account={} {}", account.name(), counts.stoppedBy);
                return;
            }
            MessageHeaders headers;
            try (InputStream in = message.open()) { // the scanner reads in blocks of its own
                headers = MessageHeaders.read(in);
            }
            String messageKey = headers.first("Message-ID").map(String::strip).filter(s -> !s.isEmpty())
                    .map(id -> "mid:" + id).orElse("sha256:" + HexFormat.of().formatHex(sha.digest()));
            handedOver = true; // from here the lanes file or abandon it, and close it either way
            lanes.submit(messageKey, new FilingLanes.Filing() {
                @Override
                public void file() throws IOException {
                    try (message) {
                        AccountCollector.this.file(number, uidl, message, headers, messageKey, run, counts, sortings);
                    }
                }

                @Override
                public void abandon() {
                    closeQuietly(message);
                }
            });
        } finally {
            if (!handedOver) closeQuietly(message);
        }
    }

    /**
     * Sorts a downloaded message, delivers and records it, and queues its DELE when it is due. The record is written
     * when the message is synced in tmp/ and before it is linked into the mailboxes, with what finishes the delivery
     * (CollectLedger.recordFiling): a crash anywhere leaves it either unrecorded and in no mailbox (downloaded again)
     * or recorded and delivered once (finished at the next start).
     */
    private void file(int number, String uidl, SpooledMessage message, MessageHeaders headers, String messageKey, Run run, Counts counts,
            List<Sorting> sortings) throws IOException {
        Verdict verdict = sorter.sort(message, headers, messageKey);
        if (run == Run.DRY_RUN) { // only a dry run reports per message: a real cycle may hold thousands
            sortings.add(verdict.sorting(number, uidl, headers.first("Message-ID").orElse("")));
            return;
        }

        Optional<MailAddress> sender = headers.first("Return-Path").flatMap(AccountCollector::returnPath);
        DeliveryPlan plan = verdict.plan();
        plan.refused.forEach((address, reason) -> log.info("account={} uidl={} to=<{}> refused: {}", account.name(), uidl, address, reason.text()));
        switch (verdict.action()) {
            case DELIVER -> {
                List<Envelope.Recipient> recipients = new ArrayList<>();
                plan.recipients().forEach((address, users) -> recipients.add(new Envelope.Recipient(address, users)));
                Set<String> keys = new LinkedHashSet<>();
                plan.recipients().values().forEach(us -> us.forEach(u -> keys.add(u.address().key())));
                String id = deliver(new Envelope(sender, recipients), message, uidl, Optional.of(new Recording(messageKey, keys, counts)));
                counts.delivered.incrementAndGet();
                log.info("account={} uidl={} id={} rule=\"{}\" delivered={}", account.name(), uidl, id, verdict.detection().describe(), keys);
                intake.trace().record(CollectEvents.collected(intake.trace().now(), id, account.name(), uidl, headers, sender, verdict));
            }
            case DUPLICATE -> {
                ledger.record(account.name(), uidl, messageKey, List.of(), clock.instant());
                counts.duplicates.incrementAndGet();
                log.info("account={} uidl={} {}", account.name(), uidl, verdict.why());
                intake.trace().record(CollectEvents.other(intake.trace().now(), EventKind.DUPLICATE, Optional.empty(),
                        account.name(), uidl, headers, sender, verdict));
            }
            case UNRESOLVED, CANNOT_FILE -> {
                Optional<String> id = unresolvedMail.send(verdict, sender, message, uidl, messageKey, (envelope, marked, recordAs) ->
                        deliver(envelope, marked, uidl, recordAs.map(keys -> new Recording(messageKey, keys, counts))));
                intake.trace().record(CollectEvents.other(intake.trace().now(), EventKind.UNRESOLVED, id, account.name(),
                        uidl, headers, sender, verdict));
                counts.unresolved.incrementAndGet();
            }
            case LEAVE -> {
                log.warn("account={} uidl={} {}", account.name(), uidl, verdict.why());
                return; // not recorded, not deleted: the next cycle tries again
            }
        }
        counts.deletions.filed(number, uidl);
    }

    /** What a delivery records in the ledger as it is promised: the message's key and the recipients' keys. */
    private record Recording(String messageKey, Set<String> recipients, Counts counts) {}

    private static void closeQuietly(SpooledMessage message) {
        try {
            message.close();
        } catch (IOException e) {
            log.warn("cannot remove a spool file: {}", e.toString());
        }
    }

    public static Path heldDir(Path dataDir, String account) {
        return HeldMail.dir(dataDir, account);
    }

    /**
     * Delivers through intake, as a transaction: prepared (synced in tmp/), then, with a {@code recording}, the ledger
     * rows and the pending delivery written in one SQLite transaction, then committed (linked into the mailboxes).
     * Returns intake's id of the message.
     */
    private String deliver(Envelope envelope, SpooledMessage message, String uidl, Optional<Recording> recording) throws IOException {
        return switch (intake.prepare(envelope, message, arrival)) {
            case Intake.Delivery delivery -> commit(delivery, uidl, recording);
            // Not expected: the Sorter asked intake's own loop test first. Left at the provider, the cycle stops.
            case IntakeResult.Loop loop -> throw new StorageException("uidl " + uidl + " is looping (" + loop.receivedCount()
                    + " Received headers); left at the provider");
            case IntakeResult.StorageFailure f -> throw new StorageException("cannot store uidl " + uidl + ": " + f.reason());
        };
    }

    /**
     * Records a prepared delivery, then commits it. Once recorded, a failed commit is not aborted: the pending row
     * names the synced tmp/ file, and CollectLedger.finishPending completes the delivery.
     */
    private String commit(Intake.Delivery delivery, String uidl, Optional<Recording> recording) throws StorageException {
        Optional<CollectLedger.Pending> recorded = Optional.empty();
        try {
            if (recording.isPresent()) {
                PreparedDelivery.Filing filing = delivery.localFiling().orElseThrow(() -> new IllegalStateException("no local recipient"));
                CollectLedger.Pending pending = new CollectLedger.Pending(relative(filing.tmpFile()),
                        filing.destinations().stream().map(this::relative).toList());
                ledger.recordFiling(account.name(), uidl, recording.get().messageKey(), recording.get().recipients(), clock.instant(),
                        Optional.of(pending));
                recorded = Optional.of(pending);
            }
            delivery.commit();
        } catch (IOException | RuntimeException e) {
            if (recorded.isEmpty()) delivery.abort(); // nothing recorded, so nothing would finish it
            throw new StorageException("cannot store uidl " + uidl + ": " + e);
        }
        recorded.ifPresent(p -> recording.get().counts().promised.add(p.tmpFile()));
        return delivery.id();
    }

    /** A path inside the data folder as the ledger keeps it: relative, so that the folder may move. */
    private String relative(Path path) {
        Path base = dataDir.toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(base) ? base.relativize(p).toString() : p.toString();
    }

    private static Optional<MailAddress> returnPath(String value) {
        String v = value.strip();
        if (v.startsWith("<") && v.endsWith(">")) v = v.substring(1, v.length() - 1);
        if (v.isEmpty()) return Optional.empty();
        try {
            return Optional.of(MailAddress.parse(v));
        } catch (AddressSyntaxException e) {
            return Optional.empty();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Intake could not store a message: the cycle stops without DELE, and the next one tries again. */
    static final class StorageException extends IOException {
        StorageException(String message) {
            super(message);
        }
    }
}
