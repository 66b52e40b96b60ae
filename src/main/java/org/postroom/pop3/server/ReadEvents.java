package org.postroom.pop3.server;

import java.time.Instant;
import java.util.Map;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;
import org.postroom.trace.ReadSteps;

/** The trace step of a maildrop message read or deleted ({@link ReadSteps}); keyed by its UIDL when not Postroom's. */
final class ReadEvents {
    private ReadEvents() {}

    static Event of(EventKind kind, Maildrop drop, int number, String user, String client, Instant at) {
        String uidl = drop.uidl(number);
        return ReadSteps.of(kind, "pop3", () -> drop.open(number), "pop3." + uidl, user, client, at, Map.of("uidl", uidl));
    }
}
