package org.postroom.trace;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One step of one message. {@code message} is the key that groups a message's steps: the id intake gives it
 * (its queue id and the id in its Received header), or, for a refusal before there is one, the SMTP session's id.
 *
 * @param door where it happened: {@code smtp}, {@code submission}, {@code submissions}, {@code collect},
 *     {@code notice} (Postroom's own mail), {@code queue}, {@code admin}, {@code pop3}, {@code imap}
 * @param messageId the Message-ID header without its angle brackets; empty when unknown
 * @param client the client's IP address (the provider account for the collector); empty when none
 * @param sender the envelope sender; empty for the null sender or when unknown
 * @param addresses the recipients or mailboxes this step is about
 * @param details what else the step says, by name: {@code reply}, {@code command}, {@code reason}, {@code smarthost},
 *     {@code next}, {@code rule}, {@code account}, {@code uidl}, {@code tls}, {@code login}, {@code size}, ...
 */
public record Event(Instant at, EventKind kind, String door, String message, String messageId, String client, String sender,
        List<String> addresses, Map<String, String> details) {

    public Event {
        messageId = stripBrackets(messageId == null ? "" : messageId.strip());
        client = client == null ? "" : client;
        sender = sender == null ? "" : sender;
        addresses = List.copyOf(addresses);
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }

    /** A step with no Message-ID, client or sender of its own (the message's first event has them). */
    public static Event of(Instant at, EventKind kind, String door, String message, List<String> addresses, Map<String, String> details) {
        return new Event(at, kind, door, message, "", "", "", addresses, details);
    }

    public String detail(String name) {
        return details.getOrDefault(name, "");
    }

    /** {@code <a@b>} and {@code a@b} are the same Message-ID to a search. */
    public static String stripBrackets(String id) {
        String s = id.strip();
        if (s.startsWith("<") && s.endsWith(">") && s.length() >= 2) s = s.substring(1, s.length() - 1);
        return s;
    }
}
