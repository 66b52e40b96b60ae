package org.postroom.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;

/**
 * What the raw test clients ({@link RawSmtp}, {@link RawPop3}, {@link RawImap}) share: one socket to the server,
 * switched in place to TLS after STARTTLS/STLS, its read timeout, and writes of exact bytes. How each reads its
 * protocol's replies stays in the client.
 *
 * @param <C> the client itself, so that {@code send} chains into its own methods
 */
public abstract class RawConnection<C extends RawConnection<C>> implements AutoCloseable {
    protected Socket socket;
    protected InputStream in;
    protected OutputStream out;

    protected RawConnection(Socket socket) throws IOException {
        attach(socket);
    }

    /** Reads and writes through {@code s} from now on (the plain socket, or the TLS one over it). */
    protected final void attach(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(TrustAnyTls.TIMEOUT_MILLIS);
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /**
     * Sends the text as UTF-8, exactly as given (add the CRLFs yourself), in one write: several commands in one
     * write are one packet on loopback.
     */
    public C send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public C send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        @SuppressWarnings("unchecked")
        C self = (C) this;
        return self;
    }

    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
