package org.postroom.pop3.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.postroom.config.Pop3Settings;
import org.postroom.directory.User;
import org.postroom.net.Doors;
import org.postroom.net.LineInput;
import org.postroom.net.LoginAttempts;
import org.postroom.net.SessionConnection;
import org.postroom.pop3.Pop3Command;
import org.postroom.pop3.Pop3Parser;
import org.postroom.pop3.Pop3Replies;
import org.postroom.pop3.Pop3Reply;
import org.postroom.pop3.Pop3State;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POP3 connection, read top to bottom like the RFC 1939 dialogue: greet, then one command and one response at
 * a time. The state ({@link Pop3State}) decides which commands may run, checked once before dispatch; the logins
 * are in {@link Pop3Login}, the TRANSACTION commands in {@link TransactionCommands} over a {@link Maildrop}.
 *
 * <p>The session ends with QUIT (in TRANSACTION: the UPDATE state, where deletions happen), when the client hangs
 * up, after the idle timeout (RFC 1939 3: without UPDATE; a command line must also be complete within it, so a
 * client cannot keep the session by sending a byte now and then; {@code -ERR}, then the close), after too many bad
 * commands, or at shutdown. Only QUIT deletes anything.
 *
 * <p>An unexpected failure inside a command (the database, the disk, a bug) is answered {@code -ERR [SYS/TEMP]},
 * logged with the session id, and the session goes on (issue 10, item 7).
 */
final class Pop3Session implements Doors.Session {
    private static final Logger log = LoggerFactory.getLogger(Pop3Session.class);
    /**
     * RFC 2449 4: a command line is at most 255 octets with its CRLF. Postroom accepts twice that, for clients
     * with long passwords; more is refused.
     */
    static final int MAX_COMMAND_LINE = 512;
    /** RFC 5034 4: a SASL response line after a challenge is not bound by 255 octets. */
    static final int MAX_SASL_LINE = 8192;
    private static final int OUTPUT_BUFFER = 32 * 1024;
    /** A marker: the command has already written its whole response (RETR, TOP, STLS). */
    private static final Pop3Reply SENT = Pop3Reply.ok("(sent)");

    final Pop3Services services;
    final Pop3Settings settings;
    final Pop3Door door;
    final InetAddress clientAddress;
    final String sessionId;
    private final Pop3Server server;
    private final SessionConnection connection;
    private MessageSender sender;
    /** This session's failed logins, so a password retried with another mechanism counts once. */
    final LoginAttempts loginAttempts = new LoginAttempts();

    Pop3State state = Pop3State.AUTHORIZATION;
    /** The name from USER, waiting for PASS. */
    String pendingUser;
    User user;
    Maildrop maildrop;
    private MailboxLocks.Lock lock;
    private int errors;

    Pop3Session(Pop3Server server, Pop3Services services, Pop3Door door, String doorName, Socket socket, String sessionId) {
        this.server = server;
        this.services = services;
        this.settings = services.config().pop3();
        this.door = door;
        this.connection = new SessionConnection(socket, doorName, OUTPUT_BUFFER);
        this.sessionId = sessionId;
        this.clientAddress = socket.getInetAddress();
    }

    @Override
    public void run() throws IOException {
        try {
            connection.open(settings.idleTimeout(), 1, door.implicitTls ? services.tls() : null); // only lines are read: the rate is unused
            log.debug("{} connect from [{}] on {}", sessionId, clientAddress.getHostAddress(), door);
            reply(Pop3Replies.greeting(services.config().server().hostname()));
            while (conversation()) {
                // one command per turn
            }
        } finally {
            endWithoutUpdate();
            connection.close();
        }
    }

    /** Reads and answers one command; false when the session is over. */
    private boolean conversation() throws IOException {
        connection.flushUnlessPipelined(); // RFC 2449 6.6 PIPELINING: answer a pipelined group in one write
        LineInput.Line line;
        try {
            // Not cut short at shutdown: a QUIT the client sent after its last RETR must still get its UPDATE.
            // An idle session is woken by the server instead, and ends here without UPDATE.
            line = connection.readCommand(MAX_COMMAND_LINE, () -> false);
        } catch (SocketTimeoutException e) {
            // RFC 1939 3: the autologout timer ends the session without UPDATE. The -ERR says why (as Dovecot's does).
            log.info("{} no complete command within {}, closing{}", sessionId, settings.idleTimeout(),
                    user == null ? "" : " (" + user.address() + ", nothing deleted)");
            return closeWith(Pop3Replies.ERR_TIMEOUT);
        }
        if (line == null) return false; // the client hung up
        if (line.overflow()) return answerError(Pop3Replies.ERR_LINE_TOO_LONG);
        String text = SessionConnection.decodeLine(line.bytes());
        if (text == null) return answerError(Pop3Replies.ERR_BAD_CHARACTERS);

        Pop3Command command = Pop3Parser.parse(text);
        // At shutdown a QUIT still gets its UPDATE; anything else is told to come back later.
        if (server.isShuttingDown() && !(command instanceof Pop3Command.Quit)) return closeWith(Pop3Replies.ERR_SHUTTING_DOWN);
        if (command instanceof Pop3Command.Unknown) return answerError(Pop3Replies.ERR_UNKNOWN_COMMAND);
        if (!state.allows(command.verb())) return answerError(Pop3Replies.notInState(command.verb(), state));
        Pop3Reply answer;
        try {
            answer = dispatch(command);
        } catch (RuntimeException e) {
            // Item 7: the database, the disk or a bug failed inside the command; the client may try again.
            log.warn("{} {} failed; answered -ERR [SYS/TEMP]: {}", sessionId, command.verb(), e.toString(), e);
            answer = Pop3Replies.ERR_TEMPORARY_FAILURE;
        }
        if (answer == null) return false; // the command ended the session itself
        if (answer == SENT) return true;
        if (command instanceof Pop3Command.Malformed) return answerError(answer);
        reply(answer);
        return true;
    }

    private Pop3Reply dispatch(Pop3Command command) throws IOException {
        return switch (command) {
            case Pop3Command.Malformed malformed -> malformed.reply();
            case Pop3Command.Capa capa -> Pop3Replies.capabilities(capabilities());
            case Pop3Command.Stls stls -> stls();
            case Pop3Command.User u -> Pop3Login.user(this, u);
            case Pop3Command.Pass pass -> Pop3Login.pass(this, pass);
            case Pop3Command.Auth auth -> Pop3Login.auth(this, auth);
            case Pop3Command.Quit quit -> quit();
            case Pop3Command.Stat stat -> TransactionCommands.stat(maildrop);
            case Pop3Command.List list -> TransactionCommands.list(maildrop, list.message());
            case Pop3Command.Uidl uidl -> TransactionCommands.uidl(maildrop, uidl.message());
            case Pop3Command.Retr retr -> sent(TransactionCommands.send(this, retr));
            case Pop3Command.Top top -> sent(TransactionCommands.send(this, top));
            case Pop3Command.Dele dele -> TransactionCommands.dele(maildrop, dele.message());
            case Pop3Command.Noop noop -> Pop3Replies.OK;
            case Pop3Command.Rset rset -> TransactionCommands.rset(maildrop);
            case Pop3Command.Unknown unknown -> Pop3Replies.ERR_UNKNOWN_COMMAND; // answered before dispatch
        };
    }

    private static Pop3Reply sent(Pop3Reply refusal) {
        return refusal == null ? SENT : refusal;
    }

    /** Capabilities (RFC 2449 5): the same in both states, as it requires; logins only where they are allowed. */
    private List<String> capabilities() {
        List<String> capabilities = new ArrayList<>();
        capabilities.add("TOP");
        capabilities.add("UIDL");
        capabilities.add("RESP-CODES");
        capabilities.add("AUTH-RESP-CODE");
        capabilities.add("PIPELINING");
        if (passwordsAllowedHere()) {
            capabilities.add("USER");
            capabilities.add("SASL PLAIN");
        }
        if (!connection.tlsActive() && services.tls() != null) capabilities.add("STLS");
        capabilities.add("IMPLEMENTATION Postroom");
        return capabilities;
    }

    /**
     * Passwords only inside TLS (RFC 8314 deprecates cleartext logins), unless from this machine
     * ({@code [auth] plaintext_from_loopback}) or from the office networks ({@code [pop3] plaintext_from_office}).
     */
    boolean passwordsAllowedHere() {
        return connection.tlsActive()
                || (clientAddress.isLoopbackAddress() && services.config().auth().plaintextFromLoopback())
                || (settings.plaintextFromOffice() && settings.inOffice(clientAddress));
    }

    /** RFC 2595 4: STLS, then TLS; the client starts the AUTHORIZATION state over. */
    private Pop3Reply stls() throws IOException {
        if (connection.tlsActive()) return Pop3Replies.ERR_ALREADY_TLS;
        if (services.tls() == null) return Pop3Replies.ERR_TLS_UNAVAILABLE;
        reply(Pop3Replies.OK_BEGIN_TLS);
        out().flush();
        // CVE-2011-0411: whatever the client pipelined after STLS was sent in the clear; startTls throws it away.
        connection.startTls(services.tls());
        log.debug("{} {}", sessionId, connection.tlsDescription());
        pendingUser = null;
        return SENT;
    }

    /** QUIT: in TRANSACTION, the UPDATE state (RFC 1939 6) removes the messages marked as deleted. */
    private Pop3Reply quit() throws IOException {
        if (state != Pop3State.TRANSACTION) {
            closeWith(Pop3Replies.OK_BYE); // RFC 1939 4: QUIT in AUTHORIZATION ends the session, no UPDATE
            return null;
        }
        state = Pop3State.UPDATE;
        Pop3Reply answer;
        try {
            // Read before the files go: the steps join their messages' stories by the id at the top of each file.
            List<Event> removed = !services.trace().recordsReads() ? List.of() : maildrop.markedDeleted().stream()
                    .map(n -> ReadEvents.of(EventKind.REMOVED, maildrop, n, user.address().toString(),
                            clientAddress.getHostAddress(), services.trace().now())).toList();
            Maildrop.Outcome outcome = maildrop.update();
            if (outcome.notRemoved() == 0) removed.forEach(services.trace()::record);
            log.info("{} logout {}: retrieved {}, deleted {}, left {}", sessionId, user.address(), maildrop.retrievedCount(),
                    outcome.removed(), outcome.left());
            answer = outcome.notRemoved() == 0 ? Pop3Replies.updated(outcome.removed(), outcome.left()) : Pop3Replies.ERR_NOT_ALL_DELETED;
        } catch (IOException e) {
            log.warn("{} update of {} failed: {}", sessionId, user.address(), e.toString());
            answer = Pop3Replies.ERR_NOT_ALL_DELETED;
        } finally {
            releaseMailbox();
        }
        closeWith(answer);
        return null;
    }

    /** The session ends without UPDATE (hang-up, timeout, errors, shutdown): nothing is deleted. */
    private void endWithoutUpdate() {
        if (maildrop != null && state == Pop3State.TRANSACTION) {
            try {
                maildrop.abandon();
            } catch (RuntimeException e) {
                log.warn("{} could not flag the retrieved messages of {} seen: {}", sessionId, user.address(), e.toString());
            }
            log.info("{} {} left without QUIT: nothing deleted", sessionId, user.address());
        }
        releaseMailbox();
    }

    private void releaseMailbox() {
        if (lock != null) lock.close();
        lock = null;
    }

    void enterTransaction(User user, MailboxLocks.Lock lock, Maildrop maildrop) {
        this.user = user;
        this.lock = lock;
        this.maildrop = maildrop;
        this.state = Pop3State.TRANSACTION;
    }

    private boolean answerError(Pop3Reply answer) throws IOException {
        reply(answer);
        if (++errors >= settings.maxErrors()) return closeWith(Pop3Replies.ERR_TOO_MANY_ERRORS);
        return true;
    }

    /** Sends a last reply and ends the session (returns false, for {@code return closeWith(...)}). */
    boolean closeWith(Pop3Reply last) throws IOException {
        reply(last);
        out().flush();
        return false;
    }

    void reply(Pop3Reply reply) throws IOException {
        out().write(reply.toWire());
    }

    private OutputStream out() {
        return connection.out();
    }

    /** Sends {@code first}, then the message dot-stuffed and terminated; {@code topLines} < 0 for all of it. */
    void sendMessage(Pop3Reply first, InputStream content, int topLines) throws IOException {
        if (sender == null) sender = new MessageSender(OUTPUT_BUFFER);
        OutputStream out = out();
        out.write(first.statusLine());
        if (topLines < 0) sender.sendAll(content, out);
        else sender.sendTop(content, out, topLines);
    }

    /** RFC 5034 4: an empty challenge ({@code + }), and the client's response line; null if the client hung up. */
    String challenge() throws IOException {
        out().write(Pop3Replies.SASL_EMPTY_CHALLENGE.getBytes(StandardCharsets.US_ASCII));
        out().flush();
        connection.expectLine();
        LineInput.Line line = connection.in().readLine(MAX_SASL_LINE);
        if (line == null) return null;
        if (line.overflow()) return "";
        String text = SessionConnection.decodeLine(line.bytes());
        return text == null ? "" : text;
    }

    /** For shutdown: a session waiting for its next command is woken (its read ends) and closes without UPDATE. */
    @Override
    public void wakeIfIdle() throws IOException {
        connection.wakeIfIdle();
    }
}
