package org.postroom.service;

/**
 * A change to the collector's accounts was saved, but the running collector did not take it (it takes it at its next
 * start): the API's 503, the CLI's "unavailable". An {@link IllegalStateException}, so that the audit records the
 * action as failed, with this message (which says that it was saved).
 */
public final class CollectorNotApplied extends IllegalStateException {
    public CollectorNotApplied(String message) {
        super(message);
    }
}
