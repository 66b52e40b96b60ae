package org.postroom.net;

import java.io.IOException;
import java.net.Socket;

/** What a protocol does with an accepted connection. Runs on the connection's own thread ({@link Listener}). */
public interface ConnectionHandler {

    /** Speaks the protocol until the conversation ends; the listener closes the socket afterwards. */
    void handle(Socket socket) throws IOException;

    /** Tells a client over a connection limit why it is turned away (for SMTP, a 421 greeting). */
    void refuse(Socket socket, Refusal reason) throws IOException;

    /** Why a client is turned away before its session starts. */
    enum Refusal { TOO_MANY_CONNECTIONS, TOO_MANY_FROM_CLIENT, SHUTTING_DOWN }
}
