package org.postroom.pop3.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import org.postroom.config.Pop3Settings;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Directory;
import org.postroom.net.ConnectionHandler.Refusal;
import org.postroom.net.ConnectionLimiter;
import org.postroom.net.Doors;
import org.postroom.net.LoginGuard;
import org.postroom.net.Tls;
import org.postroom.pop3.Pop3Replies;
import org.postroom.store.MaildirStore;
import org.postroom.trace.Trace;

/**
 * Postroom's POP3 service: the two doors of {@link Pop3Door} ({@link Doors}: one listener each, one connection
 * limit) and one set of mailbox locks. Stopping it closes idle sessions without UPDATE (nothing is deleted), lets a
 * RETR in progress finish, and answers any other command {@code -ERR [SYS/TEMP]}; a QUIT still gets its UPDATE.
 */
public final class Pop3Server implements AutoCloseable {
    /** Sessions at once per door on platform threads, for quicker answers; more go on virtual threads (Listener). */
    private static final int PLATFORM_SESSIONS = 64;

    /** Replaced by {@link #reconfigure}; each session keeps the one it started with. */
    private volatile Pop3Services services;
    private final Doors<Pop3Door> doors;

    public Pop3Server(PostroomConfig config, Directory directory, MaildirStore store, Tls tls, LoginGuard logins) throws IOException {
        this(config, directory, store, tls, logins, Trace.off(java.time.Clock.systemUTC()));
    }

    /** @param trace where reads and deletions are recorded when {@code [trace] reads} is on */
    public Pop3Server(PostroomConfig config, Directory directory, MaildirStore store, Tls tls, LoginGuard logins,
            Trace trace) throws IOException {
        this.services = new Pop3Services(config, directory, store, tls, logins, new MailboxLocks(), trace);
        Pop3Settings pop3 = config.pop3();
        this.doors = new Doors<>(Pop3Door.class, "pop3", new ConnectionLimiter(pop3.maxConnections(), pop3.maxConnectionsPerClient()));
        String bind = config.server().bindAddress();
        try {
            open(Pop3Door.POP3, new InetSocketAddress(bind, pop3.port()));
            if (tls != null) open(Pop3Door.POP3S, new InetSocketAddress(bind, pop3.tlsPort()));
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** A reloaded configuration's policies (office networks, limits per session, address rules) and TLS pair for sessions from now on. */
    public void reconfigure(PostroomConfig config, Directory directory, Tls tls) {
        Pop3Services now = services;
        now.logins().reconfigure(directory, config.pop3()::inOffice); // the lockout's office networks are [pop3]'s
        services = new Pop3Services(config, directory, now.store(), tls, now.logins(), now.locks(), now.trace());
    }

    private void open(Pop3Door door, InetSocketAddress address) throws IOException {
        String name = door.name().toLowerCase(Locale.ROOT);
        doors.open(door, name, address, door.implicitTls, PLATFORM_SESSIONS, new Doors.Protocol() {
            @Override
            public Doors.Session open(Socket socket, String id) {
                return new Pop3Session(Pop3Server.this, services, door, name, socket, id);
            }

            @Override
            public byte[] turnAway(Refusal reason) {
                return switch (reason) {
                    case TOO_MANY_CONNECTIONS -> Pop3Replies.ERR_TOO_MANY_CONNECTIONS.toWire();
                    case TOO_MANY_FROM_CLIENT -> Pop3Replies.ERR_TOO_MANY_FROM_CLIENT.toWire();
                    case SHUTTING_DOWN -> Pop3Replies.ERR_SHUTTING_DOWN.toWire();
                };
            }
        });
    }

    /** The doors opened that no longer accept connections ({@code /readyz}). */
    public java.util.List<Pop3Door> notListening() {
        return doors.notListening();
    }

    /** The port a door listens on (useful when the configuration asked for any free port). */
    public int port(Pop3Door door) {
        return doors.port(door);
    }

    boolean isShuttingDown() {
        return doors.isShuttingDown();
    }

    @Override
    public void close() {
        doors.close();
    }
}
