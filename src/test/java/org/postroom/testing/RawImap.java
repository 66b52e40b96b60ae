package org.postroom.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A byte-exact IMAP client for tests: raw bytes and pipelined commands in one write, responses read line by line
 * with their literals inline ({@code {n}CRLF} and the n octets are kept in the line, as sent), STARTTLS on the same
 * socket, and "is the connection closed" checks. It reads through a buffer of its own, so nothing the server sends
 * after a response is lost when the socket is switched to TLS.
 *
 * <p>{@link #command} sends {@code tag command} and returns every response line up to and including the tagged
 * one; {@link #ok} also checks that it is OK.
 */
public final class RawImap implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 10_000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private int tags;

    private RawImap(Socket socket) throws IOException {
        attach(socket);
    }

    /** Connects to 127.0.0.1:{@code port}; the greeting is left unread. */
    public static RawImap connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        return new RawImap(socket);
    }

    /** Connects with implicit TLS (any certificate trusted); the greeting is left unread. */
    public static RawImap connectTls(int port) throws IOException {
        return new RawImap(handshake(new Socket("127.0.0.1", port)));
    }

    /** Connects, reads the greeting and logs in with LOGIN; fails the test if any answer is not OK. */
    public static RawImap login(int port, String user, String password) throws IOException {
        RawImap imap = connect(port);
        imap.expectPrefix(imap.line(), "* OK");
        imap.ok("LOGIN " + quote(user) + " " + quote(password));
        return imap;
    }

    /** A quoted string for a command. */
    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    public RawImap send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public RawImap send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** A fresh tag ({@code a1}, {@code a2}, ...). */
    public String nextTag() {
        return "a" + (++tags);
    }

    /** Sends {@code tag command} and returns the response lines up to and including the tagged one. */
    public List<String> command(String command) throws IOException {
        String tag = nextTag();
        send(tag + " " + command + "\r\n");
        return untilTagged(tag);
    }

    /** As {@link #command}, failing the test unless the tagged response is OK. */
    public List<String> ok(String command) throws IOException {
        List<String> lines = command(command);
        String last = lines.getLast();
        if (!last.substring(last.indexOf(' ') + 1).startsWith("OK")) throw new AssertionError("expected OK to " + command + ", got: " + lines);
        return lines;
    }

    /** The response lines up to and including the one tagged {@code tag}. */
    public List<String> untilTagged(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            String line = line();
            if (line == null) throw new IOException("connection closed before the tagged response; got " + lines);
            lines.add(line);
            if (line.startsWith(tag + " ")) return lines;
        }
        throw new AssertionError("no tagged response");
    }

    /** One response line without its final CRLF, literals inline; null at end of stream. */
    public String line() throws IOException {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = rawLine();
            if (bytes == null) return whole.size() == 0 ? null : whole.toString(StandardCharsets.UTF_8);
            int n = bytes.length;
            if (n > 0 && bytes[n - 1] == '\n') n--;
            if (n > 0 && bytes[n - 1] == '\r') n--;
            whole.write(bytes, 0, n);
            long literal = literalAtEnd(bytes, n);
            if (literal < 0) return whole.toString(StandardCharsets.UTF_8);
            whole.write('\r');
            whole.write('\n');
            whole.write(read((int) literal));
        }
        throw new AssertionError("too many literals in one response");
    }

    /** The next {@code n} octets exactly. */
    public byte[] read(int n) throws IOException {
        byte[] bytes = new byte[n];
        int done = 0;
        while (done < n) {
            if (start == end && !fill()) throw new IOException("connection closed inside a literal");
            int take = Math.min(n - done, end - start);
            System.arraycopy(buffer, start, bytes, done, take);
            start += take;
            done += take;
        }
        return bytes;
    }

    private static long literalAtEnd(byte[] line, int n) {
        if (n < 3 || line[n - 1] != '}') return -1;
        int i = n - 2;
        while (i >= 0 && line[i] >= '0' && line[i] <= '9') i--;
        if (i < 0 || i == n - 2 || line[i] != '{') return -1;
        return Long.parseLong(new String(line, i + 1, n - 2 - i, StandardCharsets.US_ASCII));
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) return false;
        start = 0;
        end = n;
        return true;
    }

    /** Reads one line including its LF. */
    private byte[] rawLine() throws IOException {
        ByteArrayOutputStream line = null;
        while (true) {
            if (start == end) {
                if (!fill()) {
                    if (line == null) return null;
                    throw new IOException("connection closed mid-line");
                }
            }
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    byte[] result;
                    if (line == null) {
                        result = java.util.Arrays.copyOfRange(buffer, start, i + 1);
                    } else {
                        line.write(buffer, start, i + 1 - start);
                        result = line.toByteArray();
                    }
                    start = i + 1;
                    return result;
                }
            }
            if (line == null) line = new ByteArrayOutputStream();
            line.write(buffer, start, end - start);
            start = end;
        }
    }

    /** Whether the server closed the connection (reads until end of stream; a line means "not closed"). */
    public boolean isClosedByServer() throws IOException {
        try {
            for (int i = 0; i < 100; i++) {
                String line = line();
                if (line == null) return true;
                if (!line.startsWith("* BYE")) return false;
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the peer
        }
    }

    /** Whether nothing arrives within {@code millis}. */
    public boolean isSilentFor(int millis) throws IOException {
        if (start < end) return false;
        int old = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            fill();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    /** After OK to STARTTLS: the TLS handshake over the same socket (any certificate is trusted). */
    public void startTls() throws IOException {
        if (start < end) throw new IOException("server sent data after its STARTTLS answer: " + (end - start) + " octets");
        attach(handshake(socket));
    }

    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    public static String expectPrefix(String line, String prefix) {
        if (line == null || !line.startsWith(prefix)) throw new AssertionError("expected " + prefix + "..., got: " + line);
        return line;
    }

    private static SSLSocket handshake(Socket plain) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
            tls.setUseClientMode(true);
            tls.setSoTimeout(TIMEOUT_MILLIS);
            tls.startHandshake();
            return tls;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
