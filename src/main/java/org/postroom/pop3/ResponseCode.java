package org.postroom.pop3;

/**
 * The extended response codes Postroom puts in brackets after {@code -ERR} (RFC 2449 8, announced by the
 * RESP-CODES capability), so that a client can tell "ask the user again" from "try later".
 */
public enum ResponseCode {
    /** RFC 3206 5: a problem with the credentials, or a login against policy (wrong place, no TLS). */
    AUTH("AUTH"),
    /** RFC 2449 8.1.2: the mailbox is locked by another POP3 session. */
    IN_USE("IN-USE"),
    /** RFC 2449 8.1.1: logging in again now is refused; wait and try later. */
    LOGIN_DELAY("LOGIN-DELAY"),
    /** RFC 3206 4: a temporary problem on the server; try later. */
    SYS_TEMP("SYS/TEMP"),
    /** RFC 3206 4: a lasting problem on the server; retrying will not help. */
    SYS_PERM("SYS/PERM");

    private final String text;

    ResponseCode(String text) {
        this.text = text;
    }

    /** As on the wire, without the brackets: {@code IN-USE}. */
    public String text() {
        return text;
    }
}
