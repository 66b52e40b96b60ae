package org.postroom.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A byte-exact SMTP client for tests that a {@link Transcript} cannot express: raw bytes (bare LF, NUL, invalid
 * UTF-8), BDAT chunks, pipelining in one packet, "no reply yet" checks, and STARTTLS over the same socket. It
 * reads the socket unbuffered, one byte at a time, so nothing the server sends after a reply is consumed early.
 */
public final class RawSmtp extends RawConnection<RawSmtp> {
    private static final int TIMEOUT_MILLIS = TrustAnyTls.TIMEOUT_MILLIS;


    private RawSmtp(Socket socket) throws IOException {
        super(socket);
    }

    /** Connects to 127.0.0.1:{@code port}; the greeting is left unread. */
    public static RawSmtp connect(int port) throws IOException {
        return new RawSmtp(TrustAnyTls.connect(port));
    }

    /** Sends one command line with CRLF and returns the whole reply. */
    public String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    /**
     * Reads one whole reply: its lines joined by {@code \n}, without CRLF. Null if the connection closed before
     * a reply began.
     */
    public String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        while (true) {
            String line = readLine();
            if (line == null) return all.isEmpty() ? null : all.toString();
            if (!all.isEmpty()) all.append('\n');
            all.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') return all.toString();
        }
    }

    /** One line without its line end; null at end of stream. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                if (e instanceof SocketTimeoutException) throw e;
                b = -1; // reset by peer counts as closed
            }
            if (b < 0) return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    /**
     * Waits {@code millis} for the server to say something. Returns null when it stayed silent, else what it
     * sent (a line, or {@code "<closed>"}).
     */
    public String silenceFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            String line = readLine();
            return line == null ? "<closed>" : line;
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(TIMEOUT_MILLIS);
        }
    }

    /** True when the server has closed the connection (reads end of stream within the timeout). */
    public boolean isClosedByServer() throws IOException {
        try {
            return readLine() == null;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Switches this connection to TLS as a client, trusting any certificate (the test server's is self-signed). */
    public RawSmtp startTls() throws IOException {
        attach(TrustAnyTls.handshake(socket));
        return this;
    }

    /** Connects straight into TLS (the submissions port). */
    public static RawSmtp connectTls(int port) throws IOException {
        RawSmtp client = connect(port);
        return client.startTls();
    }

    /** The AUTH PLAIN initial response (RFC 4616) for a login and password. */
    public static String plain(String login, String password) {
        return java.util.Base64.getEncoder().encodeToString(("\0" + login + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}
