package org.postroom.smtp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import org.postroom.config.PostroomConfig;
import org.postroom.config.SmtpSettings;
import org.postroom.directory.Directory;
import org.postroom.intake.Intake;
import org.postroom.net.ConnectionHandler.Refusal;
import org.postroom.net.ConnectionLimiter;
import org.postroom.net.Doors;
import org.postroom.net.LoginGuard;
import org.postroom.net.Tls;
import org.postroom.router.Router;
import org.postroom.smtp.Replies;

/**
 * Postroom's SMTP service: the three doors of {@link SmtpDoor} ({@link Doors}: one listener each, one connection
 * limit). Stopping it refuses new commands with 421 while a transaction already in DATA finishes.
 */
public final class SmtpServer implements AutoCloseable {
    /** Replaced by {@link #reconfigure}; each session keeps the one it started with. */
    private volatile SmtpServices services;
    private final Doors<SmtpDoor> doors;

    public SmtpServer(PostroomConfig config, Directory directory, Router router, Intake intake, Tls tls, LoginGuard logins)
            throws IOException {
        this.services = new SmtpServices(config, directory, router, intake, tls, logins, config.dataDir().resolve("tmp"));
        SmtpSettings smtp = config.smtp();
        this.doors = new Doors<>(SmtpDoor.class, "smtp", new ConnectionLimiter(smtp.maxConnections(), smtp.maxConnectionsPerClient()));
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

    /**
     * A reloaded configuration's policies (trusted networks, limits per session, address rules, router) and TLS pair for
     * the sessions that start from now on. Ports and connection limits stay as they were opened.
     */
    public void reconfigure(PostroomConfig config, Directory directory, Router router, Tls tls) {
        SmtpServices now = services;
        services = new SmtpServices(config, directory, router, now.intake(), tls, now.logins(), now.spillDir());
    }

    private void open(SmtpDoor door, InetSocketAddress address) throws IOException {
        String name = "smtp-" + door.name().toLowerCase(Locale.ROOT);
        doors.open(door, name, address, door.implicitTls, 0, new Doors.Protocol() {
            @Override
            public Doors.Session open(Socket socket, String id) {
                return new SmtpSession(SmtpServer.this, services, door, name, socket, id);
            }

            @Override
            public byte[] turnAway(Refusal reason) {
                return switch (reason) {
                    case TOO_MANY_CONNECTIONS -> Replies.C421_TOO_MANY_CONNECTIONS.toWire();
                    case TOO_MANY_FROM_CLIENT -> Replies.C421_TOO_MANY_FROM_CLIENT.toWire();
                    case SHUTTING_DOWN -> Replies.C421_SHUTTING_DOWN.toWire();
                };
            }
        });
    }

    /** The log and counts of failed TLS handshakes of the pair in use, which a reload's new pair takes over. */
    public org.postroom.net.HandshakeLog handshakeFailures() {
        SmtpServices now = services;
        return now.tls() != null ? now.tls().handshakeFailures() : new org.postroom.net.HandshakeLog();
    }

    /** The doors opened that no longer accept connections ({@code /readyz}). */
    public java.util.List<SmtpDoor> notListening() {
        return doors.notListening();
    }

    /** The port a door listens on (useful when the configuration asked for any free port). */
    public int port(SmtpDoor door) {
        return doors.port(door);
    }

    boolean isShuttingDown() {
        return doors.isShuttingDown();
    }

    /** Stops accepting, tells idle sessions 421, lets transactions in progress finish, then closes. */
    @Override
    public void close() {
        doors.close();
    }
}
