package org.postroom.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;

/** The trace events of a message intake has just accepted: accepted, delivered to its mailboxes, queued for the outside. */
final class AcceptedEvents {
    private AcceptedEvents() {}

    static List<Event> of(Instant at, String id, Envelope envelope, Arrival arrival, long size, String messageId) {
        String door = door(arrival);
        String sender = envelope.sender().map(MailAddress::toString).orElse("");
        List<String> recipients = envelope.recipients().stream().map(r -> r.address().toString()).toList();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("size", Long.toString(size));
        details.put("helo", arrival.clientName());
        details.put("proto", arrival.protocol());
        arrival.tls().ifPresent(tls -> details.put("tls", tls));
        arrival.authenticatedAs().ifPresent(login -> details.put("login", login));
        List<Event> events = new ArrayList<>(3);
        events.add(new Event(at, EventKind.ACCEPTED, door, id, messageId, arrival.clientAddress().getHostAddress(), sender, recipients,
                details));

        Set<String> mailboxes = new LinkedHashSet<>();
        List<String> outside = new ArrayList<>();
        for (Envelope.Recipient rcpt : envelope.recipients()) {
            for (User user : rcpt.users()) mailboxes.add(user.address().toString());
            for (MailAddress remote : rcpt.remote()) outside.add(remote.toString());
        }
        if (!mailboxes.isEmpty()) events.add(Event.of(at, EventKind.DELIVERED, door, id, List.copyOf(mailboxes), Map.of()));
        if (!outside.isEmpty()) events.add(Event.of(at, EventKind.QUEUED, door, id, outside, Map.of()));
        return events;
    }

    /** The door's name in the trace: {@code smtp}, {@code submission}, {@code collect}, or {@code notice} (Postroom's own mail). */
    static String door(Arrival arrival) {
        if (arrival.isInternal()) return "notice";
        if ("POP3".equals(arrival.protocol())) return "collect";
        return arrival.submission() ? "submission" : "smtp";
    }
}
