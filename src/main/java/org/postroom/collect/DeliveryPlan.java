package org.postroom.collect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postroom.directory.Directory;
import org.postroom.directory.Resolution;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;

/**
 * What to do with one downloaded message: the local users per candidate address that do not have it yet, and
 * the addresses that did not resolve, were foreign, or already received it (ledger).
 */
final class DeliveryPlan {
    final Map<MailAddress, Set<User>> users = new LinkedHashMap<>();
    final List<MailAddress> unresolved = new ArrayList<>();
    final List<MailAddress> foreign = new ArrayList<>();
    final List<MailAddress> duplicates = new ArrayList<>();

    private DeliveryPlan() {}

    static DeliveryPlan of(Detection detection, String messageKey, Directory directory, CollectLedger ledger) {
        DeliveryPlan plan = new DeliveryPlan();
        Set<String> seen = new LinkedHashSet<>();
        for (MailAddress address : detection.addresses()) {
            switch (directory.resolve(address)) {
                case Resolution.NotLocal n -> plan.foreign.add(address);
                case Resolution.Unknown u -> plan.unresolved.add(address);
                case Resolution.Disabled d -> plan.unresolved.add(address);
                case Resolution.Deliver d -> {
                    // Outside targets of an alias are not followed: the collector never relays (package-info).
                    Set<User> mine = new LinkedHashSet<>();
                    for (User user : d.users()) {
                        if (!seen.add(user.address().key())) continue;
                        if (ledger.delivered(messageKey, user.address().key())) plan.duplicates.add(user.address());
                        else mine.add(user);
                    }
                    if (!mine.isEmpty()) plan.users.put(address, mine);
                }
            }
        }
        return plan;
    }

    /** Why nobody local receives the message, for its {@code X-Postroom-Unresolved} header. */
    String why(Detection detection) {
        if (detection.addresses().isEmpty()) return "no recipient found (rule: " + detection.describe() + ")";
        List<String> parts = new ArrayList<>();
        if (!unresolved.isEmpty()) parts.add("unknown local recipient(s) " + unresolved);
        if (!foreign.isEmpty()) parts.add("only outside recipient(s) " + foreign);
        return String.join("; ", parts) + " (rule: " + detection.describe() + ")";
    }
}
