package org.postroom.collect;

import java.util.List;
import java.util.Set;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;

/**
 * What the collector does with one downloaded message, decided once by {@link Sorter}: a real cycle carries it
 * out, a dry run prints it. One decision for both, so the dry run says what the cycle does.
 *
 * @param detection how its recipients were found
 * @param plan who gets it, and who was refused and why
 * @param destination for {@link Action#UNRESOLVED} and {@link Action#CANNOT_FILE}: an address, or "hold"
 * @param why for everything but {@link Action#DELIVER}: the reason, as {@code X-Postroom-Unresolved} and the log say it
 */
record Verdict(Action action, Detection detection, DeliveryPlan plan, String destination, String why) {

    enum Action {
        /** Into the local mailboxes of {@link DeliveryPlan#recipients()}. */
        DELIVER,
        /** Everyone it is for, or its unresolved destination, has it already: recorded, not delivered again. */
        DUPLICATE,
        /** Nobody local takes it: to the unresolved destination, with {@code X-Postroom-Unresolved} on top. */
        UNRESOLVED,
        /** It cannot be filed normally (a mail loop, no header section): to the unresolved destination, attached. */
        CANNOT_FILE,
        /** Its only recipients' mailboxes are full for now: left at the provider, tried again next cycle. */
        LEAVE
    }

    /** The line a dry run prints for it. */
    Sorting sorting(int number, String uidl, String messageId) {
        List<MailAddress> deliverTo = action == Action.DELIVER
                ? plan.recipients().values().stream().flatMap(Set::stream).map(User::address).toList() : List.of();
        String to = action == Action.UNRESOLVED || action == Action.CANNOT_FILE ? destination : "";
        return new Sorting(number, uidl, false, messageId, detection.describe(), deliverTo, plan.unresolved(), plan.foreign,
                plan.duplicates, to, action == Action.DELIVER ? "" : why);
    }
}
