package org.postroom.queue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.postroom.message.MailAddress;

/**
 * What sends queued mail onwards: the smarthost relay ({@code org.postroom.relay}), or a test's recording fake.
 * A session is one connection that may carry several messages; it never throws for a remote problem, it answers
 * each recipient with an {@link Outcome}.
 */
public interface DeliveryAgent {

    /** Opens a session; when no connection can be made, the session answers every message with that failure. */
    Session open();

    /** One connection's worth of deliveries. */
    interface Session extends AutoCloseable {

        /** Tries to deliver one message to these recipients; one outcome per recipient, in order. */
        List<Outcome> send(Outgoing message);

        /** The connection can take another message. */
        boolean reusable();

        /** Ends the session politely (QUIT) if it can. */
        @Override
        void close();
    }

    /** One message to send, with the recipients that are due. */
    record Outgoing(String id, Optional<MailAddress> sender, List<MailAddress> recipients, long size, boolean eightBit,
            boolean smtpUtf8, Body body) {
        public Outgoing {
            recipients = List.copyOf(recipients);
        }
    }

    /** The message's bytes, exactly as they are to be sent. */
    @FunctionalInterface
    interface Body {
        InputStream open() throws IOException;
    }

    /** What became of one recipient. */
    sealed interface Outcome {
        Diagnosis diagnosis();

        /** Accepted by the remote side (250). */
        record Delivered(Diagnosis diagnosis) implements Outcome {}

        /** Not now (4xx, no connection, a configuration problem): try again later. */
        record Deferred(Diagnosis diagnosis) implements Outcome {}

        /** Never (5xx, or the message cannot be sent this way at all). */
        record Failed(Diagnosis diagnosis) implements Outcome {}
    }
}
