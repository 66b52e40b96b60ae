package org.postroom.queue;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One runner worker's connection to the relay, reused for several messages: replaced when the session says it
 * cannot take another, after {@code maxMessages}, or when a reload brought another relay (a connection opened with
 * the old settings is never used for a message sent after the reload).
 */
final class RelayConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RelayConnection.class);

    private final Supplier<DeliveryAgent> current;
    private final int maxMessages;
    private DeliveryAgent.Session session;
    private DeliveryAgent openedWith;
    private int messages;

    RelayConnection(Supplier<DeliveryAgent> current, int maxMessages) {
        this.current = current;
        this.maxMessages = maxMessages;
    }

    /** The session for the next message, opened if need be. */
    DeliveryAgent.Session session() {
        DeliveryAgent agent = current.get();
        if (session != null && (!session.reusable() || messages >= maxMessages || openedWith != agent)) close();
        if (session == null) {
            session = agent.open();
            openedWith = agent;
            messages = 0;
        }
        messages++;
        return session;
    }

    @Override
    public void close() {
        if (session == null) return;
        try {
            session.close();
        } catch (RuntimeException e) {
            log.debug("queue: closing a relay session: {}", e.toString());
        }
        session = null;
    }
}
