package org.postroom.testing;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The socket work the raw test clients (RawSmtp, RawPop3, RawImap) share: a loopback connection, and a client TLS
 * handshake over an open socket that trusts any certificate (the test server's is self-signed), for STARTTLS, STLS
 * and the implicit-TLS ports alike.
 */
public final class TrustAnyTls {
    /** How long a raw client waits for the server before a read fails. */
    public static final int TIMEOUT_MILLIS = 10_000;

    private TrustAnyTls() {}

    /** A plain connection to 127.0.0.1:{@code port}, Nagle off so each write is one packet. */
    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** The client side of a TLS handshake over {@code plain} (which it then owns), any certificate trusted. */
    public static SSLSocket handshake(Socket plain) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {TRUST_ALL}, new SecureRandom());
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
            tls.setUseClientMode(true);
            tls.setSoTimeout(TIMEOUT_MILLIS);
            tls.startHandshake();
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static final X509TrustManager TRUST_ALL = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };
}
