package org.postroom.smtp.client;

import java.util.Optional;
import org.postroom.smtp.SmtpReply;

/**
 * A conversation with a remote server that could not go on: it refused a step that must succeed, went quiet,
 * hung up, broke the protocol, or failed TLS. Says at which step, and keeps the reply when there was one.
 */
public final class SmtpClientException extends Exception {

    /** The step of RFC 5321's dialogue (and its extensions) that failed. */
    public enum Stage { CONNECT, GREETING, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, DATA_END, RSET, QUIT }

    /** What went wrong. */
    public enum Kind {
        /** No TCP connection (refused, unreachable, no address). */
        CONNECT_FAILED,
        /** A reply that does not let the conversation go on. */
        REFUSED,
        /** No reply within the RFC 5321 4.5.3.2 timeout, or a write that did not progress. */
        TIMEOUT,
        /** The server closed the connection. */
        CONNECTION_LOST,
        /** Not an SMTP reply. */
        PROTOCOL_ERROR,
        /** The TLS handshake failed or the certificate was not believed, or the server offers no STARTTLS. */
        TLS,
        /** The server offers no AUTH mechanism Postroom can use. */
        NO_AUTH_MECHANISM
    }

    private final Stage stage;
    private final Kind kind;
    private final SmtpReply reply;

    public SmtpClientException(Stage stage, Kind kind, SmtpReply reply, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.kind = kind;
        this.reply = reply;
    }

    public SmtpClientException(Stage stage, Kind kind, String message) {
        this(stage, kind, null, message, null);
    }

    public static SmtpClientException refused(Stage stage, SmtpReply reply) {
        return new SmtpClientException(stage, Kind.REFUSED, reply, stage + " refused: " + reply, null);
    }

    public Stage stage() {
        return stage;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<SmtpReply> reply() {
        return Optional.ofNullable(reply);
    }
}
