package org.postroom.net;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Turns a plain connection into a TLS one, server side (STARTTLS, STLS, and the implicit-TLS ports). */
public final class Tls {
    private final SSLContext context;

    public Tls(SSLContext context) {
        this.context = context;
    }

    /** Wraps {@code plain} and completes the handshake; the caller must have dropped any buffered plaintext. */
    public SSLSocket wrap(Socket plain) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        socket.setUseClientMode(false);
        socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        socket.startHandshake();
        return socket;
    }

    /** "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384", for logs and Received headers. */
    public static String describe(SSLSocket socket) {
        var session = socket.getSession();
        return session.getProtocol() + " with cipher " + session.getCipherSuite();
    }
}
