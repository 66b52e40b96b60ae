package org.postroom.pop3.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.postroom.config.PostroomConfig;
import org.postroom.config.Pop3Settings;
import org.postroom.directory.Directory;
import org.postroom.net.AuthThrottle;
import org.postroom.net.ConnectionHandler;
import org.postroom.net.ConnectionLimiter;
import org.postroom.net.Listener;
import org.postroom.net.Tls;
import org.postroom.pop3.Pop3Replies;
import org.postroom.store.MaildirStore;

/**
 * Postroom's POP3 service: the two doors of {@link Pop3Door}, one listener each, sharing one connection limit and
 * one set of mailbox locks. Stopping it closes idle sessions without UPDATE (nothing is deleted), lets a RETR in
 * progress finish, and answers any other command {@code -ERR [SYS/TEMP]}; a QUIT still gets its UPDATE.
 */
public final class Pop3Server implements AutoCloseable {
    /** Sessions at once per door on platform threads, for quicker answers; more go on virtual threads ({@link Listener}). */
    private static final int PLATFORM_SESSIONS = 64;

    private final Pop3Services services;
    private final ConnectionLimiter limiter;
    private final Map<Pop3Door, Listener> listeners = new EnumMap<>(Pop3Door.class);
    private final Set<Pop3Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionCounter = new AtomicLong();
    private volatile boolean shuttingDown;

    public Pop3Server(PostroomConfig config, Directory directory, MaildirStore store, Tls tls, AuthThrottle throttle) throws IOException {
        this.services = new Pop3Services(config, directory, store, tls, throttle, new MailboxLocks());
        Pop3Settings pop3 = config.pop3();
        this.limiter = new ConnectionLimiter(pop3.maxConnections(), pop3.maxConnectionsPerClient());
        String bind = config.server().bindAddress();
        try {
            open(Pop3Door.POP3, new InetSocketAddress(bind, pop3.port()));
            if (tls != null) open(Pop3Door.POP3S, new InetSocketAddress(bind, pop3.tlsPort()));
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void open(Pop3Door door, InetSocketAddress address) throws IOException {
        String name = door.name().toLowerCase(Locale.ROOT);
        try {
            listeners.put(door, new Listener(name, address, new Handler(door), limiter, PLATFORM_SESSIONS));
        } catch (IOException e) {
            throw new IOException("cannot listen on " + address + " for " + name + ": " + e.getMessage(), e);
        }
    }

    /** The port a door listens on (useful when the configuration asked for any free port). */
    public int port(Pop3Door door) {
        Listener listener = listeners.get(door);
        if (listener == null) throw new IllegalStateException(door + " is not listening");
        return listener.port();
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    @Override
    public void close() {
        shuttingDown = true;
        listeners.values().forEach(Listener::stopAccepting);
        sessions.forEach(Pop3Session::wakeIfIdle);
        listeners.values().forEach(Listener::close);
    }

    private final class Handler implements ConnectionHandler {
        private final Pop3Door door;

        Handler(Pop3Door door) {
            this.door = door;
        }

        @Override
        public void handle(Socket socket) throws IOException {
            String id = "pop3-" + Long.toString(sessionCounter.incrementAndGet(), 36);
            Pop3Session session = new Pop3Session(Pop3Server.this, services, door, socket, id);
            sessions.add(session);
            try {
                if (shuttingDown) {
                    if (!door.implicitTls) socket.getOutputStream().write(Pop3Replies.ERR_SHUTTING_DOWN.toWire());
                    return;
                }
                session.run();
            } finally {
                sessions.remove(session);
            }
        }

        /** On the plain port a {@code -ERR} greeting says why; on the TLS port the connection is just closed. */
        @Override
        public void refuse(Socket socket, Refusal reason) throws IOException {
            if (door.implicitTls) return; // no handshake for a client that is turned away anyway
            var reply = reason == Refusal.TOO_MANY_CONNECTIONS ? Pop3Replies.ERR_TOO_MANY_CONNECTIONS : Pop3Replies.ERR_TOO_MANY_FROM_CLIENT;
            socket.getOutputStream().write(reply.toWire());
        }
    }
}
