package org.postroom.queue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;

/** The trace event of an administrator's request carried out on one queued message (a retry has none: its attempt is traced). */
final class AdminEvents {
    private AdminEvents() {}

    static Optional<Event> of(AdminRequest.Action action, QueueEntry entry, Instant at) {
        EventKind kind = switch (action) {
            case HOLD -> EventKind.HELD;
            case RELEASE -> EventKind.RELEASED;
            case DELETE -> EventKind.DELETED;
            case BOUNCE -> EventKind.ADMIN_BOUNCED;
            case RETRY -> null;
        };
        if (kind == null) return Optional.empty();
        List<String> pending = entry.recipients().stream().filter(QueuedRecipient::isActive).map(r -> r.address().toString()).toList();
        return Optional.of(Event.of(at, kind, "admin", entry.id(), pending, Map.of("by", "administrator")));
    }
}
