package org.postroom.trace;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one line that answers "where did my mail go?" for one message, from its steps: "delivered to alice, bob",
 * "refused: unknown user ghost@office.lan", "waiting: the smarthost refuses Postroom's login since 09:12",
 * "bounced: 550 5.1.1 ... from smtp.provider.example". Each outside recipient's state is its last step.
 */
final class Verdicts {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm");

    private Verdicts() {}

    static String of(List<Event> steps, ZoneId zone) {
        Set<String> delivered = new LinkedHashSet<>();
        Map<String, List<Event>> outside = new LinkedHashMap<>(); // recipient -> its queue steps
        List<Event> refusals = new ArrayList<>();
        Set<String> read = new LinkedHashSet<>();
        Set<String> removed = new LinkedHashSet<>();
        List<String> parts = new ArrayList<>();
        boolean accepted = false;
        for (Event e : steps) {
            switch (e.kind()) {
                case ACCEPTED, COLLECTED -> accepted = true;
                case DELIVERED -> e.addresses().forEach(a -> delivered.add(localPart(a)));
                case QUEUED -> e.addresses().forEach(a -> outside.computeIfAbsent(a, k -> new ArrayList<>()).add(e));
                case RELAYED, DEFERRED, BOUNCED, EXPIRED, HELD, RELEASED, DELETED, ADMIN_BOUNCED ->
                        e.addresses().forEach(a -> outside.computeIfAbsent(a, k -> new ArrayList<>()).add(e));
                case REFUSED -> refusals.add(e);
                case DUPLICATE -> parts.add("duplicate: dropped, " + e.detail("why"));
                case UNRESOLVED -> parts.add("unresolved: " + e.detail("why") + destination(e));
                case READ -> e.addresses().forEach(a -> read.add(localPart(a)));
                case REMOVED -> e.addresses().forEach(a -> removed.add(localPart(a)));
                // The audit trail (issue 13): "admin boss@office.lan user.add ann@office.lan: ok"
                case ADMIN -> parts.add("admin " + e.sender() + " " + e.detail("action") + " " + e.detail("target") + ": " + e.detail("outcome")
                        + (e.detail("reason").isEmpty() ? "" : " (" + e.detail("reason") + ")"));
                default -> { }
            }
        }
        if (!delivered.isEmpty()) parts.addFirst("delivered to " + String.join(", ", delivered));
        // Recipients with the same outcome share one part: "sent to a, b via smtp.provider.example".
        Map<String, List<String>> byOutcome = new LinkedHashMap<>();
        outside.forEach((address, queueSteps) -> byOutcome.computeIfAbsent(outside(queueSteps, zone), k -> new ArrayList<>()).add(address));
        byOutcome.forEach((outcome, addresses) -> parts.add(outcome.replace("%s", String.join(", ", addresses))));
        for (Event r : refusals) parts.add(refusal(r));
        if (!read.isEmpty()) parts.add("read by " + String.join(", ", read));
        if (!removed.isEmpty()) parts.add("deleted by its reader " + String.join(", ", removed));
        if (parts.isEmpty()) return accepted ? "accepted" : "no outcome recorded";
        return String.join("; ", parts);
    }

    /** The state of one outside recipient after its last queue step; {@code %s} stands for the recipients. */
    private static String outside(List<Event> queueSteps, ZoneId zone) {
        Event last = queueSteps.getLast();
        return switch (last.kind()) {
            case QUEUED, RELEASED -> "queued for %s";
            case RELAYED -> "sent to %s" + via(last);
            case BOUNCED -> "bounced: " + last.detail("reply") + from(last) + " (for %s)";
            case EXPIRED -> "expired: undelivered to %s at the end of its lifetime, last " + last.detail("reply") + from(last);
            case HELD -> "held by the administrator (for %s)";
            case DELETED -> "deleted by the administrator (for %s)";
            case ADMIN_BOUNCED -> "bounced by the administrator (for %s)";
            case DEFERRED -> waiting(queueSteps, zone);
            default -> last.kind().name().toLowerCase(java.util.Locale.ROOT) + " (for %s)";
        };
    }

    /** "waiting: ... since 09:12": since the first of the deferrals in a row that led here. */
    private static String waiting(List<Event> queueSteps, ZoneId zone) {
        Event last = queueSteps.getLast();
        Instant since = last.at();
        for (int i = queueSteps.size() - 1; i >= 0 && queueSteps.get(i).kind() == EventKind.DEFERRED; i--) since = queueSteps.get(i).at();
        String next = last.detail("next").isEmpty() ? "" : ", next attempt " + time(Instant.parse(last.detail("next")), zone);
        String why = "true".equals(last.detail("config_problem"))
                ? "the smarthost refuses Postroom's login or TLS (" + last.detail("reply") + ")"
                : last.detail("reply") + from(last);
        return "waiting: " + why + " since " + time(since, zone) + next + " (for %s)";
    }

    private static String refusal(Event r) {
        String reply = r.detail("reply");
        String who = String.join(", ", r.addresses());
        if (reply.contains(" 5.1.1 ") && !who.isEmpty()) return "refused: unknown user " + who;
        return "refused at " + r.detail("command") + ": " + reply + (who.isEmpty() ? "" : " (for " + who + ")");
    }

    private static String destination(Event e) {
        String d = e.detail("destination");
        if (d.isEmpty()) return "";
        return d.equals("hold") ? "; held for review" : "; sent to " + d;
    }

    private static String via(Event e) {
        return e.detail("smarthost").isEmpty() ? "" : " via " + e.detail("smarthost");
    }

    private static String from(Event e) {
        return e.detail("smarthost").isEmpty() ? "" : " from " + e.detail("smarthost");
    }

    private static String localPart(String address) {
        int at = address.lastIndexOf('@');
        return at > 0 ? address.substring(0, at) : address;
    }

    private static String time(Instant t, ZoneId zone) {
        var local = t.atZone(zone);
        return (local.toLocalDate().equals(java.time.LocalDate.now(zone)) ? TIME : DAY_TIME).format(local);
    }
}
