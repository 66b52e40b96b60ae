package org.postroom.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An administrator's request about queued mail ({@code postroom queue hold|release|retry|delete|bounce}), and
 * what each does to an entry. The same code runs in the server (which owns the queue while it runs) and in the
 * command itself (when no server runs).
 *
 * @param action what to do
 * @param id which message; empty for every message ({@code retry --all})
 */
public record AdminRequest(Action action, Optional<String> id) {

    public enum Action {
        /** Stop trying until released. */
        HOLD,
        /** Undo a hold; the message is due at once. */
        RELEASE,
        /** Try now, whatever the schedule says (a held message stays held). */
        RETRY,
        /** Remove from the queue; nobody is told. */
        DELETE,
        /** Give up now: every recipient not yet delivered fails, and the sender gets a bounce. */
        BOUNCE
    }

    public AdminRequest {
        id.ifPresent(i -> {
            if (!Spool.isValidId(i)) throw new IllegalArgumentException("not a queue id: " + i);
        });
    }

    /** The entry after the action; empty when the entry is to be removed. */
    Optional<QueueEntry> applyTo(QueueEntry entry, Instant now) {
        return switch (action) {
            case HOLD -> Optional.of(entry.withHeld(Optional.of("held by the administrator at " + now)));
            case RELEASE -> Optional.of(entry.withHeld(Optional.empty()).mapRecipients(r -> r.dueAt(now)));
            case RETRY -> Optional.of(entry.mapRecipients(r -> r.dueAt(now)));
            case DELETE -> Optional.empty();
            case BOUNCE -> Optional.of(entry.withHeld(Optional.empty()).mapRecipients(r -> r.isActive()
                    ? r.failedNow(Diagnosis.local("5.0.0", "returned to the sender by the postmaster")) : r));
        };
    }

    /**
     * Why the request leaves {@code entry} alone, if it does: a retry of a held message (it stays held until
     * released, and the administrator hears so rather than "scheduled").
     */
    Optional<String> refusal(QueueEntry entry) {
        if (action == Action.RETRY && entry.isHeld()) {
            return Optional.of(entry.id() + " is held: `postroom queue release " + entry.id() + "` lets it go");
        }
        return Optional.empty();
    }

    /**
     * The answer once the request has run over the queue: {@code done} the ids it changed, {@code refused} why it
     * left others alone. A request for one id that was refused is not ok (the command exits non-zero).
     */
    Reply reply(List<String> done, List<String> refused, String note) {
        if (id.isPresent() && done.isEmpty()) {
            return new Reply(false, refused.isEmpty() ? "no message " + id.get() + " in the queue" : refused.getFirst(), List.of());
        }
        String left = refused.isEmpty() ? "" : "; " + refused.size() + " held message(s) left alone";
        return new Reply(true, QueueControl.verb(action) + " " + done.size() + " message(s)" + left + note, done);
    }

    /** What the administrator is told. */
    public record Reply(boolean ok, String message, List<String> ids) {}
}
