package org.postroom.queue;

/** Where one recipient of a queued message stands. */
public enum RecipientState {
    /** Not tried yet (or the administrator asked for a retry). */
    PENDING,
    /** Tried, refused for now (4xx, no connection, a configuration problem): tried again at its next attempt time. */
    DEFERRED,
    /** The smarthost answered 250 for it: done. */
    DELIVERED,
    /** Refused for good (5xx), expired, or bounced by the administrator: the sender is told once. */
    FAILED;

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED;
    }
}
