package org.postroom.message;

/** An address that does not follow the RFC 5321 (or RFC 6531) syntax. The message says what is wrong, for the client. */
public final class AddressSyntaxException extends IllegalArgumentException {
    public AddressSyntaxException(String message) {
        super(message);
    }
}
