package org.postroom.imap.server;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.HashSet;
import java.util.Set;
import org.postroom.config.ImapSettings;
import org.postroom.directory.User;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapState;
import org.postroom.imap.ImapStatus;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.ResponseCode;
import org.postroom.imap.ResponseWriter;
import org.postroom.net.Doors;
import org.postroom.net.LineInput;
import org.postroom.net.LoginAttempts;
import org.postroom.net.SessionConnection;
import org.postroom.store.folder.FolderException;
import org.postroom.store.folder.UserFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP connection, read top to bottom like RFC 3501's dialogue: the greeting with the capabilities, then one
 * command at a time: its tag and name, the state check ({@link ImapCommand#allowedIn}), the command itself, the
 * mailbox updates RFC 3501 7.4.1 allows at that point, and the tagged completion. Replies to a pipelined group of
 * commands go out in one write.
 *
 * <p>The session ends with LOGOUT, when the client hangs up, after the autologout timer ({@code [imap]
 * idle_timeout}, RFC 3501 5.4: {@code * BYE}), after too many bad commands, on a command too long to stay in step
 * with, or at shutdown ({@code * BYE}).
 *
 * <p>An unexpected failure inside a command (the database, the disk, a bug) is answered
 * {@code NO [SERVERBUG]} or {@code NO [UNAVAILABLE]}, logged with the session id, and the session goes on.
 */
final class ImapSession implements Doors.Session {
    private static final Logger log = LoggerFactory.getLogger(ImapSession.class);
    /** Small: a thousand phones in IDLE each hold one; FETCH bodies stream through it in pieces anyway. */
    private static final int OUTPUT_BUFFER = 16 * 1024;
    /** A SASL response line after a challenge (RFC 4954 uses 12288 for SMTP; passwords are short). */
    static final int MAX_SASL_LINE = 12288;

    final ImapServices services;
    final ImapSettings settings;
    final ImapDoor door;
    final InetAddress clientAddress;
    final String sessionId;
    final ImapServer server;
    final SessionConnection connection;
    /** This session's failed logins, so a password retried with another mechanism counts once. */
    final LoginAttempts loginAttempts = new LoginAttempts();
    private final CommandReader reader;
    private ResponseWriter writer;

    ImapState state = ImapState.NOT_AUTHENTICATED;
    User user;
    UserFolders folders;
    Selection selection;
    /** RFC 5161 ENABLE: the extensions the client turned on (CONDSTORE, ...), upper case. */
    final Set<String> enabled = new HashSet<>();
    private int errors;

    ImapSession(ImapServer server, ImapServices services, ImapDoor door, String doorName, Socket socket, String sessionId) {
        this.server = server;
        this.services = services;
        this.settings = services.config().imap();
        this.door = door;
        this.connection = new SessionConnection(socket, doorName, OUTPUT_BUFFER);
        this.sessionId = sessionId;
        this.clientAddress = socket.getInetAddress();
        this.reader = new CommandReader(connection, this);
    }

    @Override
    public void run() throws IOException {
        try {
            // 1 octet a second at least for literals, as for SMTP's DATA the rate is what counts, not the size
            connection.open(settings.idleTimeout(), services.config().smtp().minDataRate(), door.implicitTls ? services.tls() : null);
            log.debug("{} connect from [{}] on {}", sessionId, clientAddress.getHostAddress(), door);
            // RFC 3501 7.1: the greeting may carry the capabilities; K-9 and others read them from here
            out().status(ImapStatus.OK, ResponseCode.capability(Capabilities.of(this)), "Postroom IMAP ready");
            while (conversation()) {
                // one command per turn
            }
        } catch (SocketException | EOFException e) {
            log.debug("{} connection ended: {}", sessionId, e.toString());
        } finally {
            unselect();
            flushQuietly(); // LOGOUT's BYE and OK
            connection.close();
        }
    }

    /** Reads and answers one command; false when the session is over. */
    private boolean conversation() throws IOException {
        connection.flushUnlessPipelined();
        LineInput.Line line;
        try {
            line = connection.readCommand(CommandReader.MAX_COMMAND_TEXT, server::isShuttingDown);
        } catch (SocketTimeoutException e) {
            // RFC 3501 5.4: the autologout timer
            log.info("{} no complete command within {}, closing{}", sessionId, settings.idleTimeout(), user == null ? "" : " (" + user.address() + ")");
            return bye("Autologout; idle for too long");
        }
        if (line == null) {
            if (server.isShuttingDown()) return bye("Postroom is shutting down");
            return false; // the client hung up
        }
        if (line.overflow()) {
            // RFC 7162 4: a line over the limit is answered BAD [TOOBIG]; its rest was skipped up to the LF
            return error("*", Completion.bad(ResponseCode.TOOBIG, "Command line too long"));
        }
        byte[] text = CommandReader.stripLineEnd(line.bytes());
        reader.begin(line.bytes().length);
        ArgumentCursor args = new ArgumentCursor(text, reader);
        String tag;
        try {
            tag = args.tag();
        } catch (ImapSyntaxException e) {
            return error("*", Completion.bad(e.getMessage()));
        }
        if (server.isShuttingDown()) {
            out().tagged(tag, Completion.no(ResponseCode.UNAVAILABLE, "Postroom is shutting down"));
            return bye("Postroom is shutting down");
        }
        return command(tag, args);
    }

    private boolean command(String tag, ArgumentCursor args) throws IOException {
        ImapCommand command = null;
        Completion completion;
        try {
            args.space();
            String name = args.keyword();
            if (name.equals("UID")) {
                args.space();
                name = "UID " + args.keyword();
            }
            command = services.commands().get(name);
            if (command == null) return errorSkipping(tag, args, Completion.bad("Unknown command " + printable(name)));
            if (!command.allowedIn(state)) return errorSkipping(tag, args, Completion.bad(notInState(name)));
            completion = command.run(this, tag, args);
        } catch (ImapSyntaxException.Fatal e) {
            // RFC 7888 4: a non-synchronizing literal over the limit; the connection cannot be kept in step
            out().tagged(tag, Completion.bad(e.code(), e.getMessage()));
            return bye("Too much data; closing");
        } catch (ImapSyntaxException e) {
            return errorSkipping(tag, args, Completion.bad(e.code(), e.getMessage()));
        } catch (FolderException e) {
            completion = Completion.no(code(e.reason()), e.getMessage());
            if (!settle(tag, args)) return false;
        } catch (SocketException | SocketTimeoutException | EOFException e) {
            throw e; // the connection, not the command
        } catch (IOException | RuntimeException e) {
            log.warn("{} command failed; answered NO [SERVERBUG]: {}", sessionId, e.toString(), e);
            completion = Completion.no(ResponseCode.SERVERBUG, "Internal error; try again later");
        }
        if (completion == null) return state != ImapState.LOGOUT; // the command answered itself
        if (selection != null && command != null && command.updates() != ImapCommand.Updates.NONE) {
            selection.sendUpdates(out(), command.updates() == ImapCommand.Updates.ALL);
        }
        out().tagged(tag, completion);
        if (completion.status() == org.postroom.imap.ImapStatus.BAD && ++errors >= settings.maxErrors()) return bye("Too many errors");
        return state != ImapState.LOGOUT;
    }

    static ResponseCode code(FolderException.Reason reason) {
        return switch (reason) {
            case NONEXISTENT -> ResponseCode.NONEXISTENT;
            case ALREADYEXISTS -> ResponseCode.ALREADYEXISTS;
            case CANNOT -> ResponseCode.CANNOT;
            case OVERQUOTA -> ResponseCode.OVERQUOTA;
            case LIMIT -> ResponseCode.LIMIT;
            case EXPUNGEISSUED -> ResponseCode.EXPUNGEISSUED;
            case INUSE -> ResponseCode.INUSE;
        };
    }

    private static String notInState(String name) {
        return name + " is not allowed now";
    }

    /**
     * After a command refused part way (its literal may be unread): the rest of the command is skipped. False when
     * the connection cannot be kept in step and the session has said BYE.
     */
    private boolean settle(String tag, ArgumentCursor args) throws IOException {
        try {
            skipRest(args);
            return true;
        } catch (ImapSyntaxException e) {
            out().tagged(tag, Completion.bad(e.code(), e.getMessage()));
            return bye("Too much data; closing");
        }
    }

    /** For a command that refuses before its literal: a non-synchronizing literal is read and dropped. */
    void skipRest(ArgumentCursor args) throws IOException, ImapSyntaxException {
        reader.skipRest(args.remainder());
    }

    /** A BAD; the rest of the command (its non-synchronizing literals) skipped. */
    private boolean errorSkipping(String tag, ArgumentCursor args, Completion bad) throws IOException {
        if (!settle(tag, args)) return false;
        return error(tag, bad);
    }

    private boolean error(String tag, Completion bad) throws IOException {
        if (tag.equals("*")) out().status(bad.status(), bad.code(), bad.text());
        else out().tagged(tag, bad);
        if (++errors >= settings.maxErrors()) return bye("Too many errors");
        return true;
    }

    /** {@code * BYE}, and the session ends (returns false, for {@code return bye(...)}). */
    boolean bye(String text) throws IOException {
        state = ImapState.LOGOUT;
        try {
            out().status(ImapStatus.BYE, null, text);
            out().stream().flush();
        } catch (IOException e) {
            log.debug("{} could not say BYE: {}", sessionId, e.toString());
        }
        return false;
    }

    private void flushQuietly() {
        try {
            if (connection.out() != null) connection.out().flush();
        } catch (IOException e) {
            log.debug("{} could not flush the last responses: {}", sessionId, e.toString());
        }
    }

    /** The writer for the current output (a new one after STARTTLS). */
    ResponseWriter out() {
        if (writer == null || writer.stream() != connection.out()) writer = new ResponseWriter(connection.out());
        return writer;
    }

    void flush() throws IOException {
        connection.out().flush();
    }

    /** For imap-selected and IDLE: the pending mailbox updates now (RFC 3501 7.4.1 decides about expunges). */
    void sendUpdates(boolean expungesAllowed) throws IOException {
        if (selection != null) selection.sendUpdates(out(), expungesAllowed);
    }

    /** SELECT/EXAMINE: the previous selection ends first (RFC 3501 6.3.1). */
    void select(Selection next) {
        unselect();
        selection = next;
        state = ImapState.SELECTED;
    }

    /** CLOSE, UNSELECT, a failed SELECT: back to the authenticated state. */
    void unselect() {
        closeQuietly(detach());
    }

    /** Back to the authenticated state; the caller closes the selection returned (null if none). */
    Selection detach() {
        Selection previous = selection;
        selection = null;
        if (state == ImapState.SELECTED) state = ImapState.AUTHENTICATED;
        return previous;
    }

    void closeQuietly(Selection previous) {
        if (previous == null) return;
        try {
            previous.close();
        } catch (RuntimeException e) {
            log.warn("{} closing the selection failed: {}", sessionId, e.toString());
        }
    }

    void authenticated(User user, UserFolders folders) {
        this.user = user;
        this.folders = folders;
        this.state = ImapState.AUTHENTICATED;
    }

    /**
     * Passwords only inside TLS (RFC 8314, RFC 3501 6.2.3 LOGINDISABLED), unless from this machine
     * ({@code [auth] plaintext_from_loopback}) or from the office networks ({@code [imap] plaintext_from_office}).
     */
    boolean passwordsAllowedHere() {
        return connection.tlsActive()
                || (clientAddress.isLoopbackAddress() && services.config().auth().plaintextFromLoopback())
                || (settings.plaintextFromOffice() && services.config().pop3().inOffice(clientAddress));
    }

    boolean inOffice() {
        return services.config().pop3().inOffice(clientAddress);
    }

    /** A continuation request's answer (AUTHENTICATE): one line without CRLF, null if the client hung up, "" if too long. */
    String readResponseLine() throws IOException {
        flush();
        connection.expectLine();
        LineInput.Line line = connection.in().readLine(MAX_SASL_LINE);
        if (line == null) return null;
        if (line.overflow()) return "";
        String text = SessionConnection.decodeLine(line.bytes());
        return text == null ? "" : text;
    }

    static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) : s;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }

    /** For shutdown: a session waiting for its next command is woken, says BYE and ends. */
    @Override
    public void wakeIfIdle() throws IOException {
        connection.wakeIfIdle();
    }
}
