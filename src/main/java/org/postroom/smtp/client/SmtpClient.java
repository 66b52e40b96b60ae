package org.postroom.smtp.client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.postroom.message.MailAddress;
import org.postroom.net.ClientTls;
import org.postroom.net.LineInput;
import org.postroom.net.Tls;
import org.postroom.smtp.ReplyParser;
import org.postroom.smtp.SmtpReply;
import org.postroom.smtp.client.SmtpClientException.Kind;
import org.postroom.smtp.client.SmtpClientException.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection as a client, read top to bottom like RFC 5321's dialogue: connect and read the greeting,
 * EHLO, STARTTLS (RFC 3207) and EHLO again, AUTH (RFC 4954), then any number of transactions, then QUIT. Every
 * wait is bounded (RFC 5321 4.5.3.2): reads by the socket timeout, writes by a watchdog that closes a connection
 * whose write does not progress. Message bytes go out unchanged but for dot-stuffing.
 *
 * <p>SECURITY: replies are the remote server's and are parsed strictly ({@link ReplyParser}); the password is
 * sent only inside TLS (the caller's rule) and is never logged.
 */
public final class SmtpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpClient.class);

    private final String host;
    private final int port;
    private final ClientTimeouts timeouts;
    private Socket socket;
    private LineInput in;
    private OutputStream out;
    private SmtpReply greeting;
    private SmtpReply lastReply;
    private Extensions extensions = Extensions.NONE;
    private String tlsDescription;
    private boolean usable = true;
    private volatile boolean closed;
    private final WriteWatchdog watchdog;

    private SmtpClient(String host, int port, ClientTimeouts timeouts) {
        this.host = host;
        this.port = port;
        this.timeouts = timeouts;
        this.watchdog = new WriteWatchdog(this, timeouts.dataBlock());
    }

    /**
     * Connects to {@code host:port} (each of its addresses in turn), with TLS from the first byte when
     * {@code implicitTls} is given (RFC 8314), and reads the 220 greeting.
     */
    public static SmtpClient connect(String host, int port, ClientTimeouts timeouts, Optional<ClientTls> implicitTls) throws SmtpClientException {
        SmtpClient client = new SmtpClient(host, port, timeouts);
        client.open(implicitTls);
        return client;
    }

    private void open(Optional<ClientTls> implicitTls) throws SmtpClientException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new SmtpClientException(Stage.CONNECT, Kind.CONNECT_FAILED, null, "no address for " + host, e);
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(address, port), millis(timeouts.connect()));
                socket = s;
                break;
            } catch (IOException e) {
                closeQuietly(s);
                last = e;
            }
        }
        if (socket == null) {
            String why = last instanceof SocketTimeoutException ? "timed out" : last == null ? "no address" : last.getMessage();
            throw new SmtpClientException(Stage.CONNECT, Kind.CONNECT_FAILED, null, "cannot connect to " + this + ": " + why, last);
        }
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(millis(timeouts.connect()));
            if (implicitTls.isPresent()) handshake(implicitTls.get(), Stage.CONNECT);
            else attach(socket);
            watchdog.start();
            greeting = read(Stage.GREETING, timeouts.command());
            if (greeting.code() != 220) throw SmtpClientException.refused(Stage.GREETING, greeting);
        } catch (SmtpClientException e) {
            close();
            throw e;
        } catch (IOException e) {
            close();
            throw new SmtpClientException(Stage.CONNECT, Kind.CONNECTION_LOST, null, "connection to " + this + " failed: " + e.getMessage(), e);
        }
    }

    private void handshake(ClientTls tls, Stage stage) throws SmtpClientException {
        try {
            SSLSocket tlsSocket = tls.wrap(socket, host);
            socket = tlsSocket;
            tlsDescription = Tls.describe(tlsSocket);
            attach(tlsSocket);
        } catch (IOException e) {
            usable = false;
            throw new SmtpClientException(stage, Kind.TLS, null, "TLS with " + this + " failed: " + e.getMessage(), e);
        }
    }

    private void attach(Socket s) throws IOException {
        if (in == null) in = new LineInput(s.getInputStream(), 8192);
        else in.replaceSource(s.getInputStream());
        out = new BufferedOutputStream(watchdog.watch(s.getOutputStream()), 65536);
    }

    public SmtpReply greeting() {
        return greeting;
    }

    public Extensions extensions() {
        return extensions;
    }

    /** "TLSv1.3 with cipher ...", or empty before TLS. */
    public Optional<String> tls() {
        return Optional.ofNullable(tlsDescription);
    }

    /** The reply read last (the greeting, then each command's): what {@code postroom relay test} shows per step. */
    public Optional<SmtpReply> lastReply() {
        return Optional.ofNullable(lastReply);
    }

    /** The server's certificate chain once TLS is up, its own certificate first; empty before TLS. */
    public List<java.security.cert.X509Certificate> peerCertificates() {
        if (!(socket instanceof SSLSocket tlsSocket)) return List.of();
        try {
            List<java.security.cert.X509Certificate> chain = new ArrayList<>();
            for (java.security.cert.Certificate c : tlsSocket.getSession().getPeerCertificates()) {
                if (c instanceof java.security.cert.X509Certificate x) chain.add(x);
            }
            return chain;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    /** The connection can carry another transaction. */
    public boolean isUsable() {
        return usable && !closed;
    }

    /** EHLO, or HELO when the server does not know EHLO (RFC 5321 4.1.1.1, 3.2). */
    public Extensions hello(String name) throws SmtpClientException {
        SmtpReply reply = command("EHLO " + name, Stage.EHLO);
        if (reply.code() == 250) {
            extensions = Extensions.of(reply);
            return extensions;
        }
        if (reply.code() == 500 || reply.code() == 502) {
            SmtpReply helo = command("HELO " + name, Stage.EHLO);
            if (helo.code() == 250) {
                extensions = Extensions.NONE;
                return extensions;
            }
            throw SmtpClientException.refused(Stage.EHLO, helo);
        }
        throw SmtpClientException.refused(Stage.EHLO, reply);
    }

    /** RFC 3207: STARTTLS, the handshake, and a fresh start (the caller says EHLO again). */
    public void startTls(ClientTls tls) throws SmtpClientException {
        if (!extensions.startTls()) {
            usable = false;
            throw new SmtpClientException(Stage.STARTTLS, Kind.TLS, null, this + " does not offer STARTTLS", null);
        }
        SmtpReply reply = command("STARTTLS", Stage.STARTTLS);
        if (reply.code() != 220) {
            usable = false;
            throw new SmtpClientException(Stage.STARTTLS, Kind.TLS, reply, this + " refused STARTTLS: " + reply, null);
        }
        if (in.hasBufferedInput()) { // RFC 3207 5 / CVE-2011-0411: nothing may come between the 220 and the handshake
            usable = false;
            throw new SmtpClientException(Stage.STARTTLS, Kind.PROTOCOL_ERROR, null, this + " sent data after its STARTTLS reply, before the "
                    + "TLS handshake (RFC 3207 5: command injection on the way, or a broken STARTTLS)", null);
        }
        handshake(tls, Stage.STARTTLS);
        extensions = Extensions.NONE;
    }

    /** RFC 4954: logs in with the first mechanism the server offers that {@code credentials} can do. Returns it. */
    public String authenticate(Credentials credentials) throws SmtpClientException {
        return AuthExchange.logIn(this, extensions, credentials);
    }

    /**
     * One mail transaction: MAIL, RCPT for each recipient, DATA, the content, the final dot. Pipelined (RFC 2920)
     * when the server offers it. Never throws: each recipient gets the reply that decided it, or the step at
     * which the conversation broke off. A broken connection is not {@link #isUsable() usable} afterwards.
     */
    public List<Answer> send(Transaction t, Body body) {
        int n = t.recipients().size();
        List<Answer> answers = new ArrayList<>(Collections.nCopies(n, null));
        Stage stage = Stage.MAIL;
        try {
            String mail = "MAIL FROM:<" + t.sender().map(MailAddress::toString).orElse("") + ">" + parameters(t);
            List<SmtpReply> rcptReplies = new ArrayList<>(n);
            SmtpReply mailReply;
            SmtpReply dataReply = null;
            if (extensions.pipelining()) {
                // RFC 2920 3.1: MAIL, every RCPT and DATA in one group; DATA ends it.
                StringBuilder group = new StringBuilder(mail).append("\r\n");
                for (MailAddress r : t.recipients()) group.append("RCPT TO:<").append(r).append(">\r\n");
                group.append("DATA\r\n");
                write(group.toString(), "MAIL ... DATA (" + n + " recipient(s), pipelined)", Stage.MAIL);
                mailReply = read(Stage.MAIL, timeouts.command());
                stage = Stage.RCPT;
                for (int i = 0; i < n; i++) rcptReplies.add(read(Stage.RCPT, timeouts.command()));
                stage = Stage.DATA;
                dataReply = read(Stage.DATA, timeouts.command());
            } else {
                mailReply = command(mail, Stage.MAIL);
                if (mailReply.isPositive()) {
                    stage = Stage.RCPT;
                    for (MailAddress r : t.recipients()) rcptReplies.add(command("RCPT TO:<" + r + ">", Stage.RCPT));
                }
            }
            if (!mailReply.isPositive()) {
                for (int i = 0; i < n; i++) answers.set(i, new Answer.Replied(mailReply, Stage.MAIL));
                if (dataReply != null && dataReply.code() == 354) endEmptyData();
                reset();
                return answers;
            }
            List<Integer> accepted = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SmtpReply r = rcptReplies.get(i);
                if (r.isPositive()) accepted.add(i);
                else answers.set(i, new Answer.Replied(r, Stage.RCPT));
            }
            if (accepted.isEmpty()) {
                if (dataReply != null && dataReply.code() == 354) endEmptyData(); // RFC 2920 3.1: a server that said 354 anyway
                reset();
                return answers;
            }
            stage = Stage.DATA;
            if (dataReply == null) dataReply = command("DATA", Stage.DATA);
            if (dataReply.code() != 354) {
                for (int i : accepted) answers.set(i, new Answer.Replied(dataReply, Stage.DATA));
                reset();
                return answers;
            }
            stage = Stage.DATA_END;
            sendContent(body);
            SmtpReply end = read(Stage.DATA_END, timeouts.dataEnd());
            for (int i : accepted) answers.set(i, new Answer.Replied(end, Stage.DATA_END));
            return answers;
        } catch (SmtpClientException e) {
            usable = false;
            close();
            for (int i = 0; i < n; i++) {
                if (answers.get(i) == null) answers.set(i, new Answer.Broken(e.stage() == Stage.RSET ? stage : e.stage(), e.kind(), e.getMessage()));
            }
            return answers;
        }
    }

    /** The message content, as it is to be sent. */
    @FunctionalInterface
    public interface Body {
        InputStream open() throws IOException;
    }

    /**
     * What one transaction carries.
     *
     * @param size announced as SIZE= when the server offers SIZE (RFC 1870)
     * @param eightBit send BODY=8BITMIME (RFC 6152); the caller has checked the server offers it
     * @param smtpUtf8 send SMTPUTF8 (RFC 6531); the caller has checked the server offers it
     */
    public record Transaction(Optional<MailAddress> sender, List<MailAddress> recipients, long size, boolean eightBit, boolean smtpUtf8) {
        public Transaction {
            recipients = List.copyOf(recipients);
            if (recipients.isEmpty()) throw new IllegalArgumentException("a transaction needs a recipient");
        }
    }

    private String parameters(Transaction t) {
        StringBuilder p = new StringBuilder();
        if (extensions.size()) p.append(" SIZE=").append(t.size());
        if (t.eightBit() && extensions.eightBitMime()) p.append(" BODY=8BITMIME");
        if (t.smtpUtf8() && extensions.smtpUtf8()) p.append(" SMTPUTF8");
        return p.toString();
    }

    private void sendContent(Body body) throws SmtpClientException {
        try (InputStream content = body.open()) {
            DotStuffing data = new DotStuffing(out);
            content.transferTo(data);
            data.finish();
        } catch (IOException e) {
            throw broken(Stage.DATA_END, e);
        }
    }

    /** After a 354 that no recipient needs: an empty message, whose reply does not matter. */
    private void endEmptyData() throws SmtpClientException {
        write(".\r\n", ".", Stage.DATA_END);
        read(Stage.DATA_END, timeouts.dataEnd());
    }

    /** RSET after a transaction that did not reach the final dot (RFC 5321 4.1.1.5). */
    private void reset() throws SmtpClientException {
        SmtpReply reply = command("RSET", Stage.RSET);
        if (!reply.isPositive()) throw SmtpClientException.refused(Stage.RSET, reply);
    }

    /** QUIT, politely, then close; problems on the way out do not matter. */
    public void quit() {
        if (isUsable()) {
            try {
                command("QUIT", Stage.QUIT);
            } catch (SmtpClientException e) {
                log.debug("{} QUIT: {}", this, e.getMessage());
            }
        }
        close();
    }

    SmtpReply command(String line, Stage stage) throws SmtpClientException {
        write(line + "\r\n", line, stage);
        return read(stage, timeouts.command());
    }

    /** A command whose text the log must not show: {@code shown} stands for it. */
    SmtpReply secret(String line, String shown, Stage stage) throws SmtpClientException {
        write(line + "\r\n", shown, stage);
        return read(stage, timeouts.command());
    }

    private void write(String text, String shown, Stage stage) throws SmtpClientException {
        log.debug("{} C: {}", this, shown);
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw broken(stage, e);
        }
    }

    /** Reads one whole reply within {@code timeout}. */
    private SmtpReply read(Stage stage, Duration timeout) throws SmtpClientException {
        try {
            socket.setSoTimeout(millis(timeout));
            SmtpReply reply = ReplyReader.read(in, this, stage);
            log.debug("{} S: {}", this, reply);
            lastReply = reply;
            return reply;
        } catch (IOException e) {
            throw broken(stage, e);
        }
    }

    private SmtpClientException broken(Stage stage, IOException e) {
        usable = false;
        if (e instanceof SocketTimeoutException) {
            return new SmtpClientException(stage, Kind.TIMEOUT, null, this + " did not answer in time at " + stage, e);
        }
        if (watchdog.timedOut()) {
            return new SmtpClientException(stage, Kind.TIMEOUT, null, this + " stopped taking data at " + stage, e);
        }
        return new SmtpClientException(stage, Kind.CONNECTION_LOST, null, "connection to " + this + " lost at " + stage + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        closed = true;
        usable = false;
        watchdog.stop();
        if (socket != null) closeQuietly(socket);
    }

    /** The watchdog's way out: the socket is closed under a write that made no progress, which then fails. */
    void dropConnection() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
