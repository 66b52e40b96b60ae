package org.postroom.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a protocol service does with its doors, the same for SMTP, POP3 and (later) IMAP: one {@link Listener} per
 * door sharing one {@link ConnectionLimiter}, session ids, the set of running sessions, the refusal of clients over
 * a limit or arriving during shutdown, and the orderly stop (stop accepting, wake idle sessions, wait for the rest).
 *
 * <p>The protocol gives only what differs: how to start a session, and the reply that turns a client away on a
 * plain door. An implicit-TLS door never writes plaintext (RFC 8314 3: the first bytes are a TLS handshake):
 * there a refused client's connection is just closed.
 *
 * @param <D> the protocol's enum of doors
 */
public final class Doors<D extends Enum<D>> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Doors.class);

    /** A protocol session as the doors see it. */
    public interface Session {
        /** Speaks the protocol until the conversation ends. */
        void run() throws IOException;

        /** At shutdown: ends the read of a session that waits for its next command, so that it can say goodbye. */
        void wakeIfIdle() throws IOException;
    }

    /** What the protocol supplies for one door. */
    public interface Protocol {
        /** A session for an accepted connection; {@code id} is unique within the service. */
        Session open(Socket socket, String id);

        /** The reply that turns a client away on a plain door (SMTP's 421, POP3's {@code -ERR [SYS/TEMP]}). */
        byte[] turnAway(ConnectionHandler.Refusal reason);
    }

    private final String idPrefix;
    private final ConnectionLimiter limiter;
    private final Map<D, Listener> listeners;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionCounter = new AtomicLong();
    private volatile boolean shuttingDown;

    /** @param idPrefix how session ids start in the log ("smtp", "pop3") */
    public Doors(Class<D> doors, String idPrefix, ConnectionLimiter limiter) {
        this.idPrefix = idPrefix;
        this.limiter = limiter;
        this.listeners = new EnumMap<>(doors);
    }

    /**
     * Opens a door. {@code platformSessions}: how many sessions at once run on platform threads (see
     * {@link Listener}); 0 for virtual threads only.
     */
    public void open(D door, String name, InetSocketAddress address, boolean implicitTls, int platformSessions, Protocol protocol)
            throws IOException {
        try {
            listeners.put(door, new Listener(name, address, new Handler(implicitTls, protocol), limiter, platformSessions));
        } catch (IOException e) {
            throw new IOException("cannot listen on " + address + " for " + name + ": " + e.getMessage(), e);
        }
    }

    /** The port a door listens on (useful when the configuration asked for any free port). */
    public int port(D door) {
        Listener listener = listeners.get(door);
        if (listener == null) throw new IllegalStateException(door + " is not listening");
        return listener.port();
    }

    /** The doors opened whose socket does not accept connections any more ({@code /readyz}). */
    public java.util.List<D> notListening() {
        return listeners.entrySet().stream().filter(e -> !e.getValue().isListening()).map(Map.Entry::getKey).toList();
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Stops accepting, wakes idle sessions (each protocol decides what it says), waits for the others, then closes. */
    @Override
    public void close() {
        shuttingDown = true;
        listeners.values().forEach(Listener::stopAccepting);
        for (Session session : sessions) {
            try {
                session.wakeIfIdle();
            } catch (IOException e) {
                log.debug("could not wake a session for shutdown: {}", e.toString());
            }
        }
        listeners.values().forEach(Listener::close);
    }

    private final class Handler implements ConnectionHandler {
        private final boolean implicitTls;
        private final Protocol protocol;

        Handler(boolean implicitTls, Protocol protocol) {
            this.implicitTls = implicitTls;
            this.protocol = protocol;
        }

        @Override
        public void handle(Socket socket) throws IOException {
            Session session = protocol.open(socket, idPrefix + "-" + Long.toString(sessionCounter.incrementAndGet(), 36));
            sessions.add(session);
            try {
                // Checked after registering: close() either finds this session to wake, or this sees it stopping.
                if (shuttingDown) {
                    refuse(socket, Refusal.SHUTTING_DOWN);
                    return;
                }
                session.run();
            } finally {
                sessions.remove(session);
            }
        }

        @Override
        public void refuse(Socket socket, Refusal reason) throws IOException {
            if (implicitTls) return; // no plaintext on a TLS door, and no handshake for a client turned away anyway
            socket.getOutputStream().write(protocol.turnAway(reason));
        }
    }
}
