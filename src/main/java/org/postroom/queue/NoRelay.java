package org.postroom.queue;

import java.util.Collections;
import java.util.List;

/**
 * The delivery agent when no smarthost is configured (it was removed from {@code postroom.toml} while mail was
 * queued): every attempt is deferred with {@code 4.3.5}, and the mail waits for a smarthost or its lifetime's end.
 */
public final class NoRelay implements DeliveryAgent {
    private static final Diagnosis NONE = Diagnosis.local("4.3.5", "no smarthost is configured ([relay] smarthosts in postroom.toml)");

    @Override
    public Session open() {
        return new Session() {
            @Override
            public List<Outcome> send(Outgoing message) {
                return Collections.nCopies(message.recipients().size(), new Outcome.Deferred(NONE));
            }

            @Override
            public boolean reusable() {
                return true;
            }

            @Override
            public void close() {}
        };
    }
}
