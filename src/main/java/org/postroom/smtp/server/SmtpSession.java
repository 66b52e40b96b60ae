package org.postroom.smtp.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postroom.config.SmtpSettings;
import org.postroom.directory.User;
import org.postroom.intake.Arrival;
import org.postroom.intake.IntakeResult;
import org.postroom.message.SpooledMessage;
import org.postroom.net.Doors;
import org.postroom.net.LineInput;
import org.postroom.net.LoginAttempts;
import org.postroom.net.SessionConnection;
import org.postroom.smtp.CommandParser;
import org.postroom.smtp.Replies;
import org.postroom.smtp.SmtpCommand;
import org.postroom.smtp.SmtpReply;
import org.postroom.smtp.SmtpState;
import org.postroom.smtp.SmtpVerb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection, read top to bottom like the RFC 5321 dialogue: greet, then one command and one reply
 * at a time until QUIT, a timeout, too many errors, or shutdown. The state ({@link SmtpState}) decides which
 * commands may run, checked once before dispatch. Connection state (client name, TLS, login) lives here;
 * transaction state lives in {@link MailTransaction}; the envelope commands are in {@link EnvelopeCommands}, the
 * logins in {@link SmtpAuthenticator}; the socket, TLS and line reading in {@link SessionConnection}.
 *
 * <p>An unexpected failure inside a command (the database, the disk, a bug) is answered {@code 451 4.3.0}, logged
 * with the session id, and the session goes on (issue 10, item 7): the client may retry, and nothing it was told
 * was accepted is lost.
 */
final class SmtpSession implements Doors.Session {
    private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);
    /** RFC 5321 4.5.3.1.4: a command line is at most 512 octets with its CRLF. */
    static final int MAX_COMMAND_LINE = 512;
    /** Messages up to this size stay in memory until delivery; larger ones go to a spill file. Small enough that
     *  thousands of sessions in DATA at once fit the launcher's 256 MiB heap. */
    private static final int SPILL_THRESHOLD = 128 << 10;

    final SmtpServices services;
    final SmtpSettings settings;
    final SmtpDoor door;
    final InetAddress clientAddress;
    final boolean trustedNetwork;
    private final String sessionId;
    private final long began = System.currentTimeMillis();
    private final SmtpServer server;
    private final SessionConnection connection;
    /** This session's failed logins, so a password retried with another mechanism counts once. */
    final LoginAttempts loginAttempts = new LoginAttempts();

    SmtpState state = SmtpState.INITIAL;
    String clientName;
    boolean extended;
    Optional<User> authenticated = Optional.empty();
    MailTransaction transaction;
    private int errors;

    SmtpSession(SmtpServer server, SmtpServices services, SmtpDoor door, String doorName, Socket socket, String sessionId) {
        this.server = server;
        this.services = services;
        this.settings = services.config().smtp();
        this.door = door;
        this.connection = new SessionConnection(socket, doorName, 4096);
        this.sessionId = sessionId;
        this.clientAddress = socket.getInetAddress();
        this.trustedNetwork = settings.trustedNetworks().stream().anyMatch(net -> net.contains(clientAddress));
    }

    @Override
    public void run() throws IOException {
        connection.open(settings.idleTimeout(), settings.minDataRate(), door.implicitTls ? services.tls() : null);
        log.debug("{} connect from [{}] on {}", sessionId, clientAddress.getHostAddress(), door);
        // RFC 5321 4.2: the greeting carries no enhanced status code (RFC 2034 3).
        reply(new SmtpReply(220, null, services.config().server().hostname() + " ESMTP Postroom"));
        try {
            while (conversation()) {
                // one command per turn
            }
        } catch (SocketTimeoutException e) {
            closeWith(Replies.C421_TIMEOUT); // the client went quiet inside DATA or BDAT: nothing was stored
        } finally {
            if (transaction != null) transaction.close();
            connection.close();
        }
    }

    /** Reads and answers one command; false when the session is over. */
    private boolean conversation() throws IOException {
        connection.flushUnlessPipelined(); // RFC 2920: answer a pipelined group in one write
        LineInput.Line line;
        try {
            line = connection.readCommand(MAX_COMMAND_LINE, server::isShuttingDown);
        } catch (SocketTimeoutException e) {
            log.info("{} no complete command within {}, closing", sessionId, settings.idleTimeout());
            return closeWith(Replies.C421_TIMEOUT);
        }
        if (server.isShuttingDown()) return closeWith(Replies.C421_SHUTTING_DOWN);
        if (line == null) return false; // the client hung up
        if (line.overflow()) return answerError(Replies.C500_LINE_TOO_LONG);
        String text = SessionConnection.decodeLine(line.bytes());
        if (text == null) return answerError(Replies.C500_BAD_CHARACTERS);

        SmtpCommand command = CommandParser.parse(text);
        SmtpReply outOfSequence = state.refusal(SmtpVerb.of(command));
        if (outOfSequence != null) {
            // RFC 3030 2: a BDAT chunk follows its command whatever the reply; read it to stay in step.
            if (command instanceof SmtpCommand.Bdat bdat) {
                connection.expectBulk();
                DataReceiver.readChunk(in(), OutputStream.nullOutputStream(), bdat.size(), 0);
            }
            return answerError(outOfSequence);
        }
        SmtpReply answer;
        try {
            answer = dispatch(command);
        } catch (RuntimeException e) {
            // Item 7: the database, the disk or a bug failed inside the command; the client may try again.
            log.warn("{} {} failed; answered 451: {}", sessionId, SmtpVerb.of(command), e.toString(), e);
            answer = Replies.C451_LOCAL_ERROR;
        }
        if (answer == null) return false; // the command already answered and ended the session
        if (command instanceof SmtpCommand.Quit) {
            return closeWith(answer);
        }
        if (answer == STARTTLS_DONE) return true;
        if (answer.code() >= 500) return answerError(answer);
        reply(answer);
        return true;
    }

    private SmtpReply dispatch(SmtpCommand command) throws IOException {
        return switch (command) {
            case SmtpCommand.Hello hello -> hello(hello);
            case SmtpCommand.Mail mail -> EnvelopeCommands.mail(this, mail);
            case SmtpCommand.Rcpt rcpt -> EnvelopeCommands.rcpt(this, rcpt);
            case SmtpCommand.Data data -> data();
            case SmtpCommand.Bdat bdat -> bdat(bdat);
            case SmtpCommand.Rset rset -> {
                resetTransaction();
                yield Replies.C250_RESET;
            }
            case SmtpCommand.Noop noop -> Replies.C250_OK;
            case SmtpCommand.Help help -> Replies.C214_HELP;
            case SmtpCommand.Vrfy vrfy -> Replies.C252_CANNOT_VRFY; // RFC 5321 7.3: do not reveal users
            case SmtpCommand.Expn expn -> Replies.C502_NOT_IMPLEMENTED;
            case SmtpCommand.StartTls startTls -> startTlsCommand();
            case SmtpCommand.Auth auth -> SmtpAuthenticator.authenticate(this, auth);
            case SmtpCommand.Quit quit -> Replies.C221_BYE;
            case SmtpCommand.Malformed malformed -> malformed.reply();
            case SmtpCommand.Unknown unknown -> Replies.C500_UNRECOGNIZED;
        };
    }

    /** A marker: STARTTLS has answered and switched the connection itself. */
    private static final SmtpReply STARTTLS_DONE = new SmtpReply(220, "2.0.0", "TLS started");

    private boolean answerError(SmtpReply answer) throws IOException {
        if (++errors >= settings.maxErrors()) {
            reply(answer);
            return closeWith(Replies.C421_TOO_MANY_ERRORS);
        }
        reply(answer);
        return true;
    }

    boolean closeWith(SmtpReply last) throws IOException {
        reply(last);
        out().flush();
        return false;
    }

    void reply(SmtpReply reply) throws IOException {
        out().write(reply.toWire());
    }

    private LineInput in() {
        return connection.in();
    }

    private OutputStream out() {
        return connection.out();
    }

    /** Sends a continuation (334) and reads the client's answer line for AUTH; null if the client hung up. */
    String challenge(String base64Text) throws IOException {
        out().write(("334 " + base64Text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out().flush();
        connection.expectLine();
        LineInput.Line line = in().readLine(MAX_COMMAND_LINE * 24); // RFC 4954 4: responses may exceed 512
        if (line == null || line.overflow()) return null;
        String text = SessionConnection.decodeLine(line.bytes());
        return text == null ? "" : text;
    }

    private SmtpReply hello(SmtpCommand.Hello hello) {
        resetTransaction();
        state = SmtpState.GREETED;
        clientName = hello.domain();
        extended = hello.extended();
        String host = services.config().server().hostname();
        if (!hello.extended()) return new SmtpReply(250, null, host);
        List<String> lines = new ArrayList<>();
        lines.add(host + " greets " + hello.domain());
        lines.add("PIPELINING");
        lines.add("SIZE " + settings.maxMessageSize());
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("CHUNKING");
        if (!connection.tlsActive() && services.tls() != null) lines.add("STARTTLS");
        if (authAllowedHere()) lines.add("AUTH PLAIN LOGIN");
        lines.add("HELP");
        return new SmtpReply(250, null, lines);
    }

    /** RFC 4954 4 and RFC 8314: passwords only inside TLS, unless from this machine and so configured. */
    boolean authAllowedHere() {
        return connection.tlsActive() || (clientAddress.isLoopbackAddress() && services.config().auth().plaintextFromLoopback());
    }

    private SmtpReply startTlsCommand() throws IOException {
        if (connection.tlsActive()) return Replies.C503_ALREADY_TLS;
        if (services.tls() == null) return Replies.C454_TLS_UNAVAILABLE;
        reply(Replies.C220_READY_FOR_TLS);
        out().flush();
        // RFC 3207 4.2 / CVE-2011-0411: whatever the client pipelined after STARTTLS is plaintext injection;
        // startTls throws it away.
        connection.startTls(services.tls());
        // RFC 3207 4.2: the client must start over with EHLO; forget everything learned before TLS.
        resetTransaction();
        state = SmtpState.INITIAL;
        clientName = null;
        extended = false;
        authenticated = Optional.empty();
        return STARTTLS_DONE;
    }

    private SmtpReply data() throws IOException {
        SmtpReply refusal = readyForData();
        if (refusal != null) return refusal;
        if (transaction.chunks != null) return Replies.C503_BDAT_MIXED;
        reply(Replies.C354_START_DATA);
        out().flush();
        connection.expectBulk(); // Postfix's rule: the idle timeout, plus the time each octet buys at min_data_rate
        try (SpooledMessage message = newSpool()) {
            DataReceiver.Outcome outcome = DataReceiver.readDotStuffed(in(), message, settings.maxMessageSize(), settings.rejectBareLineEnds());
            return finishMessage(outcome, message);
        }
    }

    private SmtpReply bdat(SmtpCommand.Bdat bdat) throws IOException {
        connection.expectBulk(); // the chunk follows the command line at once
        SmtpReply refusal = readyForData();
        if (refusal != null) {
            // RFC 3030 2: the chunk follows the command whatever the reply; read it to stay in step.
            DataReceiver.readChunk(in(), OutputStream.nullOutputStream(), bdat.size(), 0);
            return refusal;
        }
        if (transaction.chunks == null) transaction.chunks = newSpool();
        long room = settings.maxMessageSize() - transaction.chunks.size();
        DataReceiver.Outcome outcome = DataReceiver.readChunk(in(), transaction.chunks, bdat.size(), room);
        if (outcome == DataReceiver.Outcome.CONNECTION_LOST) return null;
        if (outcome == DataReceiver.Outcome.TOO_BIG) transaction.chunkTooBig = true;
        if (!bdat.last()) {
            if (transaction.chunkTooBig) return Replies.C552_MESSAGE_TOO_BIG;
            if (transaction.chunks.spillFailure().isPresent()) return Replies.C452_DISK_FULL; // the spill file is gone already
            return new SmtpReply(250, "2.0.0", bdat.size() + " octets received");
        }
        SpooledMessage message = transaction.chunks;
        transaction.chunks = null;
        try (message) {
            return finishMessage(transaction.chunkTooBig ? DataReceiver.Outcome.TOO_BIG : DataReceiver.Outcome.COMPLETE, message);
        }
    }

    /** The state table has made sure there is a transaction; it needs a recipient too. */
    private SmtpReply readyForData() {
        if (transaction.recipients.isEmpty()) return Replies.C554_NO_VALID_RECIPIENTS;
        return null;
    }

    private SpooledMessage newSpool() {
        return new SpooledMessage(services.spillDir(), SPILL_THRESHOLD);
    }

    /** The reply to the end of data; the transaction is over whatever it says (RFC 5321 4.1.1.4). */
    private SmtpReply finishMessage(DataReceiver.Outcome outcome, SpooledMessage message) {
        try {
            if (outcome == DataReceiver.Outcome.COMPLETE && message.spillFailure().isPresent()) {
                // RFC 3463 4.3.1: mail system full. SpooledMessage removed its file when the write failed.
                log.warn("{} message of {} octets not kept, answered 452: {}", sessionId, message.size(), message.spillFailure().get().toString());
                return Replies.C452_DISK_FULL;
            }
            return switch (outcome) {
                case CONNECTION_LOST -> null;
                case TOO_BIG -> RefusalLog.traced(this, "DATA", Replies.C552_MESSAGE_TOO_BIG);
                case LINE_TOO_LONG -> RefusalLog.traced(this, "DATA", Replies.C500_TEXT_LINE_TOO_LONG);
                case BARE_LINE_END -> RefusalLog.traced(this, "DATA", Replies.C550_BARE_LINE_END);
                case COMPLETE -> switch (services.intake().receive(transaction.envelope(), message, arrival())) {
                    case IntakeResult.Accepted accepted -> new SmtpReply(250, "2.0.0", "Ok: queued as " + accepted.id());
                    case IntakeResult.Loop loop -> RefusalLog.refused(this, "DATA", transaction.sender, Optional.empty(), Replies.C554_LOOP);
                    case IntakeResult.StorageFailure failure -> Replies.C452_DISK_FULL;
                };
            };
        } finally {
            resetTransaction();
        }
    }

    private Arrival arrival() {
        String tlsDescription = connection.tlsDescription();
        String protocol = !extended ? "SMTP" : "ESMTP" + (tlsDescription != null ? "S" : "") + (authenticated.isPresent() ? "A" : "");
        return new Arrival(clientName, clientAddress, protocol, Optional.ofNullable(tlsDescription),
                authenticated.map(u -> u.address().toString()), door.authRequired);
    }

    /** MAIL was accepted: the session is in a transaction until the end of data, RSET, EHLO or STARTTLS. */
    void beginTransaction(MailTransaction started) {
        transaction = started;
        state = SmtpState.TRANSACTION;
    }

    void resetTransaction() {
        if (transaction != null) transaction.close();
        transaction = null;
        if (state == SmtpState.TRANSACTION) state = SmtpState.GREETED;
    }

    String sessionId() {
        return sessionId;
    }

    /** The trace's key for what this session refused: its id, unique only within one run, and when it began. */
    String traceKey() {
        return sessionId + "." + Long.toString(began, 36);
    }

    /** For shutdown: a session waiting for its next command is woken (its read ends) and says 421. */
    @Override
    public void wakeIfIdle() throws IOException {
        connection.wakeIfIdle();
    }
}
