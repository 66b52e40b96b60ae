package org.postroom.net;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Turns a plain connection into a TLS one, server side (STARTTLS, STLS, and the implicit-TLS ports). A handshake
 * that fails is logged here, for every door alike ({@link HandshakeLog}), and then the connection ends.
 */
public final class Tls {
    private final SSLContext context;
    private final HandshakeLog failures;

    public Tls(SSLContext context) {
        this(context, new HandshakeLog());
    }

    /** With the log (and counts) of failed handshakes shared with the {@code Tls} this one replaces on a reload. */
    public Tls(SSLContext context, HandshakeLog failures) {
        this.context = context;
        this.failures = failures;
    }

    /** The server's TLS context, for the web server's HTTPS. */
    public SSLContext context() {
        return context;
    }

    /** The failed handshakes, logged and counted. */
    public HandshakeLog handshakeFailures() {
        return failures;
    }

    /**
     * Wraps {@code plain} and completes the handshake; the caller must have dropped any buffered plaintext.
     * {@code door} names the door for the log line when the handshake fails.
     */
    public SSLSocket wrap(Socket plain, String door) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        socket.setUseClientMode(false);
        socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        try {
            socket.startHandshake();
        } catch (IOException e) {
            failures.failed(door, plain.getInetAddress(), e);
            throw e;
        }
        return socket;
    }

    /** "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384", for logs and Received headers. */
    public static String describe(SSLSocket socket) {
        var session = socket.getSession();
        return session.getProtocol() + " with cipher " + session.getCipherSuite();
    }
}
