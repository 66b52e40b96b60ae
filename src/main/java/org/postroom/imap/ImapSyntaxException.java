package org.postroom.imap;

/**
 * A command the formal syntax (RFC 3501 9) does not allow: answered {@code BAD} with this text, the session goes on.
 * The text is for the client; it never holds more than the client sent.
 */
public class ImapSyntaxException extends Exception {
    private final ResponseCode code;

    public ImapSyntaxException(String text) {
        this(null, text);
    }

    public ImapSyntaxException(ResponseCode code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    /** A response code for the BAD ({@code [TOOBIG]}), or null. */
    public ResponseCode code() {
        return code;
    }

    /**
     * The command cannot be answered and the connection is no longer in step with the client (RFC 7888 4: a
     * non-synchronizing literal over the limit): the session answers BAD, says BYE and closes.
     */
    public static final class Fatal extends ImapSyntaxException {
        public Fatal(ResponseCode code, String text) {
            super(code, text);
        }
    }
}
