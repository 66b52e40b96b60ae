package org.postroom.pop3.client;

import java.io.IOException;

/** A POP3 conversation with the provider went wrong; {@link #kind()} says how, for the status and the retry. */
public final class Pop3ClientException extends IOException {
    /** How the conversation failed. */
    public enum Kind {
        /** No TCP connection (host down, refused, timed out). */
        CONNECT_FAILED,
        /** The TLS handshake failed or STLS is not available. */
        TLS,
        /** The server refused the login. */
        LOGIN_REFUSED,
        /** The server answered {@code -ERR} to a command. */
        REFUSED,
        /** The connection dropped mid-conversation. */
        CONNECTION_LOST,
        /** A reply, listing or message did not arrive within its deadline: the provider stalled or drips. */
        TIMED_OUT,
        /** The server said something that is not POP3. */
        PROTOCOL_ERROR
    }

    private final Kind kind;

    public Pop3ClientException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
