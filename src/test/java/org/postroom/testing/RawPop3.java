package org.postroom.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte-exact POP3 client for tests: raw bytes and pipelined commands in one write, multi-line responses read
 * and un-stuffed as RFC 1939 3 says, message bodies as exact bytes (or streamed to an {@link OutputStream}), STLS
 * on the same socket, and "is the connection closed" checks. It reads through a small buffer of its own, so
 * nothing the server sends after a response is lost when the socket is switched to TLS.
 */
public final class RawPop3 extends RawConnection<RawPop3> {
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    private RawPop3(Socket socket) throws IOException {
        super(socket);
    }

    /** Connects to 127.0.0.1:{@code port}; the greeting is left unread. */
    public static RawPop3 connect(int port) throws IOException {
        return new RawPop3(TrustAnyTls.connect(port));
    }

    /** Connects with implicit TLS (any certificate trusted); the greeting is left unread. */
    public static RawPop3 connectTls(int port) throws IOException {
        return new RawPop3(TrustAnyTls.handshake(new Socket("127.0.0.1", port)));
    }

    /** Connects, reads the greeting and logs in with USER/PASS; fails the test if any answer is not +OK. */
    public static RawPop3 login(int port, String user, String password) throws IOException {
        RawPop3 pop = connect(port);
        pop.expectOk(pop.line());
        pop.expectOk(pop.command("USER " + user));
        pop.expectOk(pop.command("PASS " + password));
        return pop;
    }

    /** Sends one command line with CRLF and returns the first line of the response. */
    public String command(String line) throws IOException {
        send(line + "\r\n");
        return line();
    }

    /** One line without its CRLF; null at end of stream. */
    public String line() throws IOException {
        byte[] bytes = rawLine();
        if (bytes == null) return null;
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\n') n--;
        if (n > 0 && bytes[n - 1] == '\r') n--;
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** The lines of a multi-line body up to the terminating dot, un-stuffed. */
    public List<String> lines() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line();
            if (line == null) throw new IOException("connection closed inside a multi-line response");
            if (line.equals(".")) return lines;
            lines.add(line.startsWith(".") ? line.substring(1) : line);
        }
    }

    /** A multi-line body as exact bytes, un-stuffed, without the terminating line. */
    public byte[] body() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        body(bytes);
        return bytes.toByteArray();
    }

    /** Streams a multi-line body, un-stuffed, into {@code sink}; returns the octets written. */
    public long body(OutputStream sink) throws IOException {
        long total = 0;
        while (true) {
            byte[] line = rawLine();
            if (line == null) throw new IOException("connection closed inside a multi-line response");
            if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') return total;
            int skip = line.length > 0 && line[0] == '.' ? 1 : 0;
            sink.write(line, skip, line.length - skip);
            total += line.length - skip;
        }
    }

    /** Reads one line including its LF, unbounded only by the server (tests bound time, not size). */
    private byte[] rawLine() throws IOException {
        ByteArrayOutputStream line = null;
        while (true) {
            if (start == end) {
                int n = in.read(buffer);
                if (n <= 0) {
                    if (line == null) return null;
                    throw new IOException("connection closed mid-line");
                }
                start = 0;
                end = n;
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

    /** Whether the server closed the connection (reads until end of stream or a line; a line means "not closed"). */
    public boolean isClosedByServer() throws IOException {
        try {
            return line() == null;
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
            int n = in.read(buffer);
            if (n > 0) {
                start = 0;
                end = n;
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    /** After {@code +OK} to STLS: the TLS handshake over the same socket (any certificate is trusted). */
    public void startTls() throws IOException {
        if (start < end) throw new IOException("server sent data after its STLS answer: " + (end - start) + " octets");
        attach(TrustAnyTls.handshake(socket));
    }

    public String expectOk(String line) {
        if (line == null || !line.startsWith("+OK")) throw new AssertionError("expected +OK, got: " + line);
        return line;
    }
}
