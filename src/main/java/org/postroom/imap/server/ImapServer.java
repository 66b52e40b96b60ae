package org.postroom.imap.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.postroom.config.ImapSettings;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Directory;
import org.postroom.net.ConnectionHandler.Refusal;
import org.postroom.net.ConnectionLimiter;
import org.postroom.net.Doors;
import org.postroom.net.LoginGuard;
import org.postroom.net.Tls;
import org.postroom.store.MaildirStore;
import org.postroom.trace.Trace;

/**
 * Postroom's IMAP service: the two doors of {@link ImapDoor} ({@link Doors}: one listener each, one connection
 * limit). Stopping it tells idle sessions {@code * BYE} (RFC 3501 7.1.5) and lets a command in progress finish.
 */
public final class ImapServer implements AutoCloseable {
    /** Sessions at once per door on platform threads; more (idling phones) go on virtual threads (Listener). */
    private static final int PLATFORM_SESSIONS = 64;

    /** Replaced by {@link #reconfigure}; each session keeps the one it started with. */
    private volatile ImapServices services;
    private final Doors<ImapDoor> doors;

    public ImapServer(PostroomConfig config, Directory directory, MaildirStore store, Tls tls, LoginGuard logins) throws IOException {
        this(config, directory, store, tls, logins, Trace.off(java.time.Clock.systemUTC()));
    }

    /** @param trace where reads and removals are recorded when {@code [trace] reads} is on */
    public ImapServer(PostroomConfig config, Directory directory, MaildirStore store, Tls tls, LoginGuard logins, Trace trace)
            throws IOException {
        this.services = new ImapServices(config, directory, store, tls, logins, ImapCommands.standard(), trace);
        ImapSettings imap = config.imap();
        this.doors = new Doors<>(ImapDoor.class, "imap", new ConnectionLimiter(imap.maxConnections(), imap.maxConnectionsPerClient()));
        String bind = config.server().bindAddress();
        try {
            open(ImapDoor.IMAP, new InetSocketAddress(bind, imap.port()));
            if (tls != null) open(ImapDoor.IMAPS, new InetSocketAddress(bind, imap.tlsPort()));
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** A reloaded configuration's policies (office networks, limits per session) and TLS pair for sessions from now on. */
    public void reconfigure(PostroomConfig config, Directory directory, Tls tls) {
        ImapServices now = services;
        services = new ImapServices(config, directory, now.store(), tls, now.logins(), now.commands(), now.trace());
    }

    private void open(ImapDoor door, InetSocketAddress address) throws IOException {
        String name = door.name().toLowerCase(Locale.ROOT);
        doors.open(door, name, address, door.implicitTls, PLATFORM_SESSIONS, new Doors.Protocol() {
            @Override
            public Doors.Session open(Socket socket, String id) {
                return new ImapSession(ImapServer.this, services, door, name, socket, id);
            }

            @Override
            public byte[] turnAway(Refusal reason) {
                // RFC 3501 7.1.5: BYE as the greeting
                String text = switch (reason) {
                    case TOO_MANY_CONNECTIONS -> "* BYE [UNAVAILABLE] Too many connections; try again later\r\n";
                    case TOO_MANY_FROM_CLIENT -> "* BYE [UNAVAILABLE] Too many connections from your address\r\n";
                    case SHUTTING_DOWN -> "* BYE [UNAVAILABLE] Postroom is shutting down\r\n";
                };
                return text.getBytes(StandardCharsets.US_ASCII);
            }
        });
    }

    /** The doors opened at start that no longer accept connections (for {@code /readyz}). */
    public java.util.List<ImapDoor> notListening() {
        return doors.notListening();
    }

    /** The port a door listens on (useful when the configuration asked for any free port). */
    public int port(ImapDoor door) {
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
