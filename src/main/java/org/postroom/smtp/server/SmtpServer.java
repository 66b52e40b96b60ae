package org.postroom.smtp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.postroom.config.PostroomConfig;
import org.postroom.config.SmtpSettings;
import org.postroom.directory.Directory;
import org.postroom.intake.Intake;
import org.postroom.net.AuthThrottle;
import org.postroom.net.ConnectionHandler;
import org.postroom.net.ConnectionLimiter;
import org.postroom.net.Listener;
import org.postroom.net.Tls;
import org.postroom.router.Router;
import org.postroom.smtp.Replies;

/**
 * Postroom's SMTP service: the three doors of {@link SmtpDoor}, one listener each, sharing one connection
 * limit. Stopping it refuses new commands with 421 while a transaction already in DATA finishes.
 */
public final class SmtpServer implements AutoCloseable {
    private final SmtpServices services;
    private final ConnectionLimiter limiter;
    private final Map<SmtpDoor, Listener> listeners = new EnumMap<>(SmtpDoor.class);
    private final Set<SmtpSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionCounter = new AtomicLong();
    private volatile boolean shuttingDown;

    public SmtpServer(PostroomConfig config, Directory directory, Router router, Intake intake, Tls tls, AuthThrottle throttle)
            throws IOException {
        this.services = new SmtpServices(config, directory, router, intake, tls, throttle, config.dataDir().resolve("tmp"));
        SmtpSettings smtp = config.smtp();
        this.limiter = new ConnectionLimiter(smtp.maxConnections(), smtp.maxConnectionsPerClient());
        String bind = config.server().bindAddress();
        try {
            open(SmtpDoor.MTA, new InetSocketAddress(bind, smtp.port()));
            open(SmtpDoor.SUBMISSION, new InetSocketAddress(bind, smtp.submissionPort()));
            if (tls != null) open(SmtpDoor.SUBMISSIONS, new InetSocketAddress(bind, smtp.submissionsPort()));
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void open(SmtpDoor door, InetSocketAddress address) throws IOException {
        String name = "smtp-" + door.name().toLowerCase(java.util.Locale.ROOT);
        try {
            listeners.put(door, new Listener(name, address, new Handler(door), limiter, 0));
        } catch (IOException e) {
            throw new IOException("cannot listen on " + address + " for " + name + ": " + e.getMessage(), e);
        }
    }

    /** The port a door listens on (useful when the configuration asked for any free port). */
    public int port(SmtpDoor door) {
        Listener listener = listeners.get(door);
        if (listener == null) throw new IllegalStateException(door + " is not listening");
        return listener.port();
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Stops accepting, tells idle sessions 421, lets transactions in progress finish, then closes. */
    @Override
    public void close() {
        shuttingDown = true;
        listeners.values().forEach(Listener::stopAccepting);
        sessions.forEach(SmtpSession::wakeIfIdle);
        listeners.values().forEach(Listener::close);
    }

    private final class Handler implements ConnectionHandler {
        private final SmtpDoor door;

        Handler(SmtpDoor door) {
            this.door = door;
        }

        @Override
        public void handle(Socket socket) throws IOException {
            String id = "smtp-" + Long.toString(sessionCounter.incrementAndGet(), 36);
            SmtpSession session = new SmtpSession(SmtpServer.this, services, door, socket, id);
            sessions.add(session);
            try {
                if (shuttingDown) {
                    socket.getOutputStream().write(Replies.C421_SHUTTING_DOWN.toWire());
                    return;
                }
                session.run();
            } finally {
                sessions.remove(session);
            }
        }

        @Override
        public void refuse(Socket socket, Refusal reason) throws IOException {
            var reply = reason == Refusal.TOO_MANY_CONNECTIONS ? Replies.C421_TOO_MANY_CONNECTIONS : Replies.C421_TOO_MANY_FROM_CLIENT;
            socket.getOutputStream().write(reply.toWire());
        }
    }
}
