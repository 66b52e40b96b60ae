package org.postroom.collect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;

/**
 * The trace events of the collector's decisions: which rule found the recipients and whom each address reached
 * ({@link EventKind#COLLECTED}), a copy dropped as a duplicate, or a message nobody local takes and why.
 */
final class CollectEvents {
    private CollectEvents() {}

    /** Filed into local mailboxes under intake's {@code id} (intake recorded it as accepted and delivered already). */
    static Event collected(Instant at, String id, String account, String uidl, MessageHeaders headers, Optional<MailAddress> sender,
            Verdict verdict) {
        Map<String, String> details = common(account, uidl, verdict);
        Set<String> addresses = new LinkedHashSet<>();
        List<String> reached = new ArrayList<>();
        verdict.plan().recipients().forEach((address, users) -> {
            addresses.add(address.toString());
            users.forEach(u -> addresses.add(u.address().toString()));
            reached.add(address + " -> " + users.stream().map(User::address).map(MailAddress::toString).collect(Collectors.joining(", ")));
        });
        details.put("delivered", String.join("; ", reached));
        return event(at, EventKind.COLLECTED, id, headers, sender, List.copyOf(addresses), details);
    }

    /** A duplicate, or unresolved: {@code id} is intake's id of the copy sent to the unresolved destination, if any. */
    static Event other(Instant at, EventKind kind, Optional<String> id, String account, String uidl, MessageHeaders headers,
            Optional<MailAddress> sender, Verdict verdict) {
        Map<String, String> details = common(account, uidl, verdict);
        details.put("why", verdict.why());
        if (!verdict.destination().isEmpty()) details.put("destination", verdict.destination());
        Set<String> addresses = new LinkedHashSet<>();
        verdict.detection().addresses().forEach(a -> addresses.add(a.toString()));
        if (verdict.destination().contains("@")) addresses.add(verdict.destination());
        return event(at, kind, id.orElse("collect." + account + "." + uidl), headers, sender, List.copyOf(addresses), details);
    }

    private static Map<String, String> common(String account, String uidl, Verdict verdict) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("account", account);
        details.put("uidl", uidl);
        details.put("rule", verdict.detection().describe());
        DeliveryPlan plan = verdict.plan();
        if (!plan.refused.isEmpty()) {
            details.put("refused", plan.refused.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().text())
                    .collect(Collectors.joining("; ")));
        }
        if (!plan.duplicates.isEmpty()) details.put("duplicates", join(plan.duplicates));
        if (!plan.foreign.isEmpty()) details.put("foreign", join(plan.foreign));
        return details;
    }

    private static Event event(Instant at, EventKind kind, String key, MessageHeaders headers, Optional<MailAddress> sender,
            List<String> addresses, Map<String, String> details) {
        return new Event(at, kind, "collect", key, headers.first("Message-ID").orElse(""), details.get("account"),
                sender.map(MailAddress::toString).orElse(""), addresses, details);
    }

    private static String join(List<MailAddress> addresses) {
        return addresses.stream().map(MailAddress::toString).collect(Collectors.joining(", "));
    }
}
