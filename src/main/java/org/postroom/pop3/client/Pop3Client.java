package org.postroom.pop3.client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.postroom.net.ClientTls;
import org.postroom.net.ReadDeadline;
import org.postroom.net.Tls;
import org.postroom.pop3.client.Pop3ClientException.Kind;

/**
 * One POP3 connection as a client, read top to bottom like RFC 1939's dialogue: connect (with TLS from the first
 * byte for implicit TLS, RFC 8314) and read the greeting, STLS (RFC 2595) when asked, log in with USER/PASS or
 * AUTH PLAIN (RFC 5034), then STAT, UIDL, LIST, RETR and DELE, then QUIT, which is what makes the server delete
 * (RFC 1939 6). Messages are streamed to the caller's sink.
 *
 * <p>Deadlines ({@link ReadDeadline}): each reply line must arrive whole within the read timeout of its command,
 * and a listing or a message must keep to the minimum rate ({@link Pop3Timeouts}), so a provider that drips its
 * answer ends the cycle with {@link Kind#TIMED_OUT} instead of holding it for hours.
 *
 * <p>SECURITY: replies are the provider's; status lines are bounded; the password is never logged, and the caller
 * decides whether it may travel without TLS.
 */
public final class Pop3Client implements AutoCloseable {
    /** RFC 2449 4 allows 512 octets per response line; be generous with providers that send more. */
    private static final int MAX_LINE = 8192;

    private final String host;
    private final int port;
    private final Pop3Timeouts timeouts;
    private ReadDeadline deadline;
    /** What the client waits for now ("the reply to RETR", "message 3"), for the error when it comes too slowly. */
    private String awaiting = "the greeting";
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buffer = new byte[65536];
    private int start;
    private int end;
    private String greeting;
    private String tlsDescription;

    private Pop3Client(String host, int port, Pop3Timeouts timeouts) {
        this.host = host;
        this.port = port;
        this.timeouts = timeouts;
    }

    /** Connects, with TLS from the first byte when {@code implicitTls} is given, and reads the {@code +OK} greeting. */
    public static Pop3Client connect(String host, int port, Pop3Timeouts timeouts, Optional<ClientTls> implicitTls) throws Pop3ClientException {
        Pop3Client client = new Pop3Client(host, port, timeouts);
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), (int) timeouts.connect().toMillis());
            s.setSoTimeout((int) timeouts.read().toMillis());
            s.setTcpNoDelay(true);
        } catch (IOException e) {
            close(s);
            String why = e instanceof SocketTimeoutException ? "timed out" : e.getMessage();
            throw new Pop3ClientException(Kind.CONNECT_FAILED, "cannot connect to " + host + ":" + port + ": " + why, e);
        }
        client.socket = s;
        client.deadline = new ReadDeadline(s, timeouts.read(), timeouts.minOctetsPerSecond()); // the greeting's, from now
        try {
            if (implicitTls.isPresent()) client.handshake(implicitTls.get());
            else client.attach(s);
            client.greeting = client.expectOk("greeting", Kind.PROTOCOL_ERROR);
            return client;
        } catch (Pop3ClientException e) {
            client.close();
            throw e;
        }
    }

    private void handshake(ClientTls tls) throws Pop3ClientException {
        try {
            deadline.guardTls(); // the handshake, and later each TLS read, within the deadline however the provider drips
            deadline.startLine();
            SSLSocket tlsSocket = deadline.during(() -> tls.wrap(socket, host));
            socket = tlsSocket;
            tlsDescription = Tls.describe(tlsSocket);
            attach(tlsSocket);
        } catch (IOException e) {
            throw new Pop3ClientException(Kind.TLS, "TLS with " + this + " failed: " + e.getMessage(), e);
        }
    }

    private void attach(Socket s) throws Pop3ClientException {
        try {
            in = deadline.wrap(s.getInputStream());
            out = new BufferedOutputStream(s.getOutputStream(), 8192);
            start = end = 0;
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** The provider's IP address, for the {@code Received} header. */
    public Optional<java.net.InetAddress> remoteAddress() {
        return socket == null ? Optional.empty() : Optional.ofNullable(socket.getInetAddress());
    }

    public String greeting() {
        return greeting;
    }

    /** "TLSv1.3 with cipher ...", or empty before TLS. */
    public Optional<String> tls() {
        return Optional.ofNullable(tlsDescription);
    }

    /** RFC 2595 4: STLS, then the handshake; nothing may arrive between the {@code +OK} and the handshake. */
    public void startTls(ClientTls tls) throws Pop3ClientException {
        send("STLS");
        String reply = line();
        if (!reply.startsWith("+OK")) throw new Pop3ClientException(Kind.TLS, this + " refused STLS: " + reply, null);
        if (end > start) throw new Pop3ClientException(Kind.PROTOCOL_ERROR, this + " sent data after its STLS reply", null);
        handshake(tls);
    }

    /** RFC 1939 7: USER and PASS. */
    public void login(String user, String password) throws Pop3ClientException {
        send("USER " + user);
        String reply = line();
        if (!reply.startsWith("+OK")) throw new Pop3ClientException(Kind.LOGIN_REFUSED, this + " refused USER: " + reply, null);
        sendSecret("PASS " + password);
        reply = line();
        if (!reply.startsWith("+OK")) throw new Pop3ClientException(Kind.LOGIN_REFUSED, this + " refused the login: " + reply, null);
    }

    /** RFC 5034 with RFC 4616 PLAIN, the initial response on the command line. */
    public void authPlain(String user, String password) throws Pop3ClientException {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        sendSecret("AUTH PLAIN " + token);
        String reply = line();
        if (reply.startsWith("+ ") || reply.equals("+")) { // a server that wants the response on its own line
            sendSecret(token);
            reply = line();
        }
        if (!reply.startsWith("+OK")) throw new Pop3ClientException(Kind.LOGIN_REFUSED, this + " refused AUTH PLAIN: " + reply, null);
    }

    /** STAT: how many messages, and their total size as the server counts it. */
    public long[] stat() throws Pop3ClientException {
        String reply = command("STAT");
        String[] parts = reply.split(" ");
        try {
            return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
        } catch (RuntimeException e) {
            throw new Pop3ClientException(Kind.PROTOCOL_ERROR, this + " answered STAT with " + reply, e);
        }
    }

    /** UIDL: message number to unique id (RFC 1939 7). */
    public Map<Integer, String> uidl() throws Pop3ClientException {
        Map<Integer, String> ids = new LinkedHashMap<>();
        for (String[] row : listing("UIDL")) ids.put(number(row), row[1]);
        return ids;
    }

    /** LIST: message number to size as the server counts it. */
    public Map<Integer, Long> list() throws Pop3ClientException {
        Map<Integer, Long> sizes = new LinkedHashMap<>();
        for (String[] row : listing("LIST")) {
            try {
                sizes.put(number(row), Long.parseLong(row[1]));
            } catch (NumberFormatException e) {
                throw new Pop3ClientException(Kind.PROTOCOL_ERROR, this + " sent a LIST line with a bad size: " + String.join(" ", row), e);
            }
        }
        return sizes;
    }

    /** RETR: streams message {@code number}, dot-unstuffed, into {@code sink}; returns the octets written. */
    public long retrieve(int number, OutputStream sink) throws Pop3ClientException {
        command("RETR " + number);
        return stream("message " + number, sink);
    }

    /**
     * RFC 2449 5: CAPA, the capabilities the server offers now (they may change after STLS and after login); empty
     * when it answers {@code -ERR}, as an RFC 1939 server without CAPA does.
     */
    public List<String> capabilities() throws Pop3ClientException {
        send("CAPA");
        String reply = line();
        if (!reply.startsWith("+OK")) return List.of();
        deadline.startBulk();
        awaiting = "the CAPA listing";
        List<String> out = new ArrayList<>();
        for (String row = line(); !row.equals("."); row = line()) {
            if (out.size() < 100) out.add(row.startsWith("..") ? row.substring(1) : row);
        }
        return out;
    }

    /** RFC 1939 7: TOP with no body lines streams the header section of message {@code number} into {@code sink}. */
    public long headers(int number, OutputStream sink) throws Pop3ClientException {
        command("TOP " + number + " 0");
        return stream("the header section of message " + number, sink);
    }

    /** After a {@code +OK}: the multi-line answer ({@code what}, for errors), dot-unstuffed, into {@code sink}; its octets. */
    private long stream(String what, OutputStream sink) throws Pop3ClientException {
        deadline.startBulk();
        awaiting = what;
        DotUnstuffer body = new DotUnstuffer(sink);
        try {
            while (!body.done()) {
                if (start == end && !fill()) throw new Pop3ClientException(Kind.CONNECTION_LOST, this + " closed the connection in the middle of " + what, null);
                start += body.feed(buffer, start, end - start);
            }
        } catch (Pop3ClientException e) {
            throw e;
        } catch (IOException e) {
            throw lost(e);
        }
        return body.written();
    }

    /** DELE: marks a message; the server deletes it only at QUIT. Returns false when the server refused. */
    public boolean delete(int number) throws Pop3ClientException {
        send("DELE " + number);
        return line().startsWith("+OK");
    }

    /** QUIT: ends the session and makes the server delete the marked messages (RFC 1939 6). */
    public void quit() throws Pop3ClientException {
        command("QUIT");
        close();
    }

    private List<String[]> listing(String verb) throws Pop3ClientException {
        command(verb);
        deadline.startBulk();
        awaiting = "the " + verb + " listing";
        List<String[]> rows = new ArrayList<>();
        while (true) {
            String row = line();
            if (row.equals(".")) return rows;
            String[] parts = row.trim().split("\\s+");
            if (parts.length < 2) throw new Pop3ClientException(Kind.PROTOCOL_ERROR, this + " sent a bad " + verb + " line: " + row, null);
            rows.add(parts);
        }
    }

    private int number(String[] row) throws Pop3ClientException {
        try {
            return Integer.parseInt(row[0]);
        } catch (NumberFormatException e) {
            throw new Pop3ClientException(Kind.PROTOCOL_ERROR, this + " sent a bad message number: " + row[0], e);
        }
    }

    private String command(String line) throws Pop3ClientException {
        send(line);
        String verb = line.split(" ", 2)[0];
        return expectOk(verb, Kind.REFUSED);
    }

    private String expectOk(String what, Kind kind) throws Pop3ClientException {
        String reply = line();
        if (!reply.startsWith("+OK")) throw new Pop3ClientException(kind, this + " answered " + what + " with: " + reply, null);
        return reply;
    }

    private void send(String line) throws Pop3ClientException {
        write(line);
    }

    /** Same as {@link #send}; kept apart so that nobody adds logging of a line that holds the password. */
    private void sendSecret(String line) throws Pop3ClientException {
        write(line);
    }

    private void write(String line) throws Pop3ClientException {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            deadline.startLine(); // the reply's deadline runs from the command
            awaiting = "the reply to " + line.split(" ", 2)[0];
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** One status or listing line without its line end; bounded. */
    private String line() throws Pop3ClientException {
        byte[] kept = new byte[128];
        int length = 0;
        try {
            while (true) {
                if (start == end && !fill()) throw new Pop3ClientException(Kind.CONNECTION_LOST, this + " closed the connection", null);
                byte b = buffer[start++];
                if (b == '\n') {
                    if (length > 0 && kept[length - 1] == '\r') length--;
                    return new String(kept, 0, length, StandardCharsets.UTF_8);
                }
                if (length == MAX_LINE) throw new Pop3ClientException(Kind.PROTOCOL_ERROR, this + " sent a line longer than " + MAX_LINE + " octets", null);
                if (length == kept.length) kept = java.util.Arrays.copyOf(kept, kept.length * 2);
                kept[length++] = b;
            }
        } catch (Pop3ClientException e) {
            throw e;
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private boolean fill() throws IOException {
        start = end = 0;
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) return false;
        end = n;
        return true;
    }

    private Pop3ClientException lost(IOException e) {
        if (e instanceof SocketTimeoutException) {
            // A read timeout is set to what is left of the deadline, so either way the deadline has passed.
            return new Pop3ClientException(Kind.TIMED_OUT, this + " was too slow: " + awaiting + " did not arrive within its deadline ("
                    + Pop3Timeouts.describe(timeouts) + ")", e);
        }
        String why = e.getMessage();
        return new Pop3ClientException(Kind.CONNECTION_LOST, "connection to " + this + " lost: " + why, e);
    }

    @Override
    public void close() {
        if (deadline != null) deadline.close();
        close(socket);
    }

    private static void close(Socket s) {
        if (s == null) return;
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
