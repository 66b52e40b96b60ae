package org.postroom.net;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;

/**
 * One client's connection as every protocol session sees it: the socket, its line reader and buffered output, the
 * switch to TLS (implicit or by command), the wake-up at shutdown, and the {@link ReadDeadline} every read keeps to
 * (a command line within the idle timeout, bulk data at the minimum rate: issue 10 item 11). The session owns the
 * dialogue; this owns the bytes. Replies are buffered and flushed by the session when the client has no more
 * pipelined input.
 *
 * <p>SECURITY: everything read is the client's; command lines are decoded strictly ({@link #decodeLine}).
 */
public final class SessionConnection implements AutoCloseable {
    private static final int INPUT_BUFFER = 8192;

    private final String door;
    private final int outputBuffer;
    private final InetAddress client;
    private Socket socket;
    private LineInput in;
    private OutputStream out;
    private String tlsDescription;
    private ReadDeadline deadline;
    private volatile boolean waitingForCommand;

    /** @param door the door's name for log lines ("smtp-submissions", "pop3s") */
    public SessionConnection(Socket socket, String door, int outputBuffer) {
        this.socket = socket;
        this.door = door;
        this.outputBuffer = outputBuffer;
        this.client = socket.getInetAddress();
    }

    /**
     * Before the greeting: the idle timeout, then TLS at once on an implicit-TLS door (RFC 8314), else plain streams.
     *
     * @param minDataRate octets a second that bulk data ({@link #expectBulk}) must keep to
     */
    public void open(java.time.Duration idleTimeout, long minDataRate, Tls implicitTls) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()));
        deadline = new ReadDeadline(socket, idleTimeout, minDataRate);
        if (implicitTls != null) startTls(implicitTls);
        else attach();
    }

    /**
     * Switches to TLS after the protocol's "go ahead" (STARTTLS, STLS). Whatever the client pipelined in the clear
     * is thrown away first (RFC 3207 4.2, RFC 2595, CVE-2011-0411).
     */
    public void startTls(Tls tls) throws IOException {
        if (in != null) in.discardBuffered();
        deadline.guardTls(); // TLS reads span network reads; the handshake too must finish within the idle timeout
        deadline.startLine();
        Socket plain = socket;
        SSLSocket tlsSocket = deadline.during(() -> tls.wrap(plain, door));
        socket = tlsSocket;
        tlsDescription = Tls.describe(tlsSocket);
        attach();
    }

    private void attach() throws IOException {
        if (in == null) in = new LineInput(deadline.wrap(socket.getInputStream()), INPUT_BUFFER);
        else in.replaceSource(deadline.wrap(socket.getInputStream()));
        out = new BufferedOutputStream(socket.getOutputStream(), outputBuffer);
    }

    /** The next line (a command, a SASL response) must be complete within the idle timeout from now. */
    public void expectLine() {
        deadline.startLine();
    }

    /** Bulk data from now (DATA, a BDAT chunk): the idle timeout, extended by each octet at the minimum rate. */
    public void expectBulk() {
        deadline.startBulk();
    }

    public LineInput in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    public InetAddress client() {
        return client;
    }

    public boolean tlsActive() {
        return tlsDescription != null;
    }

    /** "TLSv1.3 with cipher ...", or null before TLS. */
    public String tlsDescription() {
        return tlsDescription;
    }

    /** RFC 2920, RFC 2449 6.6: a pipelined group is answered in one write, when no more of it is waiting. */
    public void flushUnlessPipelined() throws IOException {
        if (!in.hasBufferedInput()) out.flush();
    }

    /**
     * Reads the next command line, marked as waiting for the client so that {@link #wakeIfIdle} may end the read.
     * {@code shuttingDown} is checked after announcing the wait: shutdown either sees the session waiting and wakes
     * it, or the session sees shutdown here (and gets null, as if the client had hung up; the caller tells which).
     */
    public LineInput.Line readCommand(int maxLength, java.util.function.BooleanSupplier shuttingDown) throws IOException {
        waitingForCommand = true;
        try {
            if (shuttingDown.getAsBoolean()) return null;
            deadline.startLine(); // the whole line, not each read, within the idle timeout
            return in.readLine(maxLength);
        } finally {
            waitingForCommand = false;
        }
    }

    /**
     * As {@link #readCommand(int, java.util.function.BooleanSupplier)}, with the line allowed {@code within} instead of
     * the idle timeout (IMAP's IDLE, RFC 2177: the client's DONE may come long after the autologout time).
     */
    public LineInput.Line readCommand(int maxLength, java.util.function.BooleanSupplier shuttingDown, java.time.Duration within)
            throws IOException {
        waitingForCommand = true;
        try {
            if (shuttingDown.getAsBoolean()) return null;
            deadline.startLine(within);
            return in.readLine(maxLength);
        } finally {
            waitingForCommand = false;
        }
    }

    /** For shutdown: a session waiting for its next command is woken (its read ends). */
    public void wakeIfIdle() throws IOException {
        if (!waitingForCommand) return;
        if (socket instanceof SSLSocket) socket.close(); // TLS cannot half-close; the client sees the connection end
        else socket.shutdownInput();
    }

    /** The connection is over: the deadline's watchdog, if any, ends (the session closes the socket). */
    @Override
    public void close() {
        if (deadline != null) deadline.close();
    }

    /** Strict UTF-8 without NUL or control characters other than tab, CRLF (or a lenient bare LF) removed; null if not. */
    public static String decodeLine(byte[] bytes) {
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\n') n--;
        if (n > 0 && bytes[n - 1] == '\r') n--;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 32 && b != '\t' || b == 127) return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
