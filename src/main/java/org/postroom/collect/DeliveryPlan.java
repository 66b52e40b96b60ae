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
import org.postroom.router.RouteDecision;
import org.postroom.router.RouteDecision.Refusal;
import org.postroom.router.Router;
import org.postroom.router.SenderContext;

/**
 * Who gets one downloaded message, decided by the {@link Router} with the collector's own sender
 * ({@link SenderContext#COLLECTED}: an outsider, never relayed), exactly as over SMTP: the local users per candidate
 * address that do not have it yet, and the addresses the router refused (with its reason), that were foreign, that
 * were full for now, or whose users already received it (ledger).
 */
final class DeliveryPlan {
    final Map<MailAddress, Set<User>> users = new LinkedHashMap<>();
    /** Refused by the router, with its reason; a foreign address is in {@link #foreign} instead. */
    final Map<MailAddress, Refusal> refused = new LinkedHashMap<>();
    final List<MailAddress> foreign = new ArrayList<>();
    final List<MailAddress> duplicates = new ArrayList<>();
    /** One person whose mailbox is full, with {@code quota_exceeded = "temporary"}: try again later. */
    final Map<MailAddress, Set<User>> full = new LinkedHashMap<>();

    private DeliveryPlan() {}

    static DeliveryPlan empty() {
        return new DeliveryPlan();
    }

    static DeliveryPlan of(Detection detection, String messageKey, long size, Router router, Directory directory, CollectLedger ledger) {
        DeliveryPlan plan = new DeliveryPlan();
        Set<String> seen = new LinkedHashSet<>();
        for (MailAddress address : detection.addresses()) {
            switch (router.route(address, SenderContext.COLLECTED, size)) {
                case RouteDecision.Local local -> plan.add(plan.users, address, local.users(), seen, messageKey, ledger);
                // The router never sends collected mail out; its local members are all the collector takes.
                case RouteDecision.Outbound outbound -> plan.add(plan.users, address, outbound.users(), seen, messageKey, ledger);
                case RouteDecision.Refused refused -> {
                    if (!directory.isLocalDomain(address.domain())) {
                        plan.foreign.add(address);
                    } else if (refused.reason() == Refusal.OVER_QUOTA_TEMPORARY
                            && directory.resolve(address) instanceof Resolution.Deliver deliver) {
                        plan.add(plan.full, address, deliver.users(), seen, messageKey, ledger);
                    } else {
                        plan.refused.putIfAbsent(address, refused.reason());
                    }
                }
            }
        }
        return plan;
    }

    private void add(Map<MailAddress, Set<User>> into, MailAddress address, Set<User> reached, Set<String> seen, String messageKey,
            CollectLedger ledger) {
        Set<User> mine = new LinkedHashSet<>();
        for (User user : reached) {
            if (!seen.add(user.address().key())) continue;
            if (ledger.delivered(messageKey, user.address().key())) duplicates.add(user.address());
            else mine.add(user);
        }
        if (!mine.isEmpty()) into.put(address, mine);
    }

    /**
     * Everyone who gets it now. A mailbox that is full for now gets it too when others do (a soft limit, as a list
     * reaches a member whose mailbox is full: docs/quirks.md); alone, it leaves the message at the provider.
     */
    Map<MailAddress, Set<User>> recipients() {
        Map<MailAddress, Set<User>> all = new LinkedHashMap<>(users);
        if (!users.isEmpty()) all.putAll(full);
        return all;
    }

    /** The refused local addresses, for the dry run. */
    List<MailAddress> unresolved() {
        return List.copyOf(refused.keySet());
    }

    /** Why nobody local receives the message, for its {@code X-Postroom-Unresolved} header. */
    String why(Detection detection) {
        if (detection.addresses().isEmpty()) return "no recipient found (rule: " + detection.describe() + ")";
        Map<Refusal, List<MailAddress>> byReason = new LinkedHashMap<>();
        refused.forEach((address, reason) -> byReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(address));
        List<String> parts = new ArrayList<>();
        byReason.forEach((reason, addresses) -> parts.add(switch (reason) {
            case UNKNOWN_USER -> "unknown local recipient(s) " + addresses;
            // A local alias or list that leads only outside: the collector never relays.
            case RELAY_DENIED -> "forwards only outside the office, and collected mail is never relayed: " + addresses;
            default -> reason.text() + ": " + addresses;
        }));
        if (!foreign.isEmpty()) parts.add("only outside recipient(s) " + foreign);
        return String.join("; ", parts) + " (rule: " + detection.describe() + ")";
    }
}
