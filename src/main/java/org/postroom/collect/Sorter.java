package org.postroom.collect;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.postroom.config.CollectAccount;
import org.postroom.directory.Directory;
import org.postroom.directory.Postmaster;
import org.postroom.directory.Resolution;
import org.postroom.intake.Intake;
import org.postroom.message.MailAddress;
import org.postroom.message.SpooledMessage;
import org.postroom.router.Router;

/**
 * Decides what becomes of one downloaded message ({@link Verdict}), for a real cycle and a dry run alike. In order:
 * a message that cannot be filed normally (a mail loop by intake's own test, or no header section to sort by) goes
 * to the unresolved destination attached to a note; otherwise its recipients are found ({@link RecipientDetector})
 * and routed ({@link DeliveryPlan}, through the {@link Router} as an outside sender), and a message nobody local
 * takes goes to the unresolved destination with the router's reasons.
 */
final class Sorter {
    private final CollectAccount account;
    private final Directory directory;
    private final Router router;
    private final Intake intake;
    private final CollectLedger ledger;

    Sorter(CollectAccount account, Directory directory, Router router, Intake intake, CollectLedger ledger) {
        this.account = account;
        this.directory = directory;
        this.router = router;
        this.intake = intake;
        this.ledger = ledger;
    }

    Verdict sort(SpooledMessage message, MessageHeaders headers, String messageKey) throws IOException {
        Optional<String> problem = cannotFile(message, headers);
        Detection none = new Detection(Detection.Rule.NONE, "", List.of());
        if (problem.isPresent()) return unresolved(Verdict.Action.CANNOT_FILE, none, DeliveryPlan.empty(), problem.get(), messageKey);

        Detection detection = new RecipientDetector(account).detect(headers);
        DeliveryPlan plan = DeliveryPlan.of(detection, messageKey, message.size(), router, directory, ledger);
        if (!plan.users.isEmpty()) return new Verdict(Verdict.Action.DELIVER, detection, plan, "", "");
        if (!plan.full.isEmpty()) {
            return new Verdict(Verdict.Action.LEAVE, detection, plan, "", "mailbox full for now " + List.copyOf(plan.full.keySet())
                    + ": left at the provider until there is room");
        }
        if (!plan.duplicates.isEmpty()) return new Verdict(Verdict.Action.DUPLICATE, detection, plan, "", "duplicate for " + plan.duplicates);
        return unresolved(Verdict.Action.UNRESOLVED, detection, plan, plan.why(detection), messageKey);
    }

    private Verdict unresolved(Verdict.Action action, Detection detection, DeliveryPlan plan, String why, String messageKey) {
        String destination = unresolvedDestination();
        if (ledger.delivered(messageKey, "unresolved:" + destination)) {
            return new Verdict(Verdict.Action.DUPLICATE, detection, plan, destination, "duplicate, already sent to " + destination);
        }
        return new Verdict(action, detection, plan, destination, why);
    }

    /**
     * A mail loop (intake's test, so that intake never refuses what the collector files; counted in the fields the
     * collector has read already) or no header section.
     */
    private Optional<String> cannotFile(SpooledMessage message, MessageHeaders headers) throws IOException {
        int received = headers.all("Received").size();
        if (intake.isLooping(received)) {
            return Optional.of("mail loop: " + received + " Received headers (more than [smtp] max_received_headers)");
        }
        try (InputStream in = new BufferedInputStream(message.open(), 8192)) {
            return HeaderSectionCheck.problem(in);
        }
    }

    /** Where a message nobody local receives goes: an address, or "hold". */
    String unresolvedDestination() {
        return switch (account.unresolved()) {
            case HOLD -> "hold";
            case USER -> account.unresolvedUser().orElseThrow().toString();
            case POSTMASTER -> postmaster().map(MailAddress::toString).orElse("hold");
        };
    }

    /** The office's postmaster, when that address reaches somebody. */
    Optional<MailAddress> postmaster() {
        return Postmaster.primary(directory).filter(pm -> directory.resolve(pm) instanceof Resolution.Deliver);
    }
}
