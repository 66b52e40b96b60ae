package org.postroom.pop3;

import java.util.List;

/**
 * Every reply of Postroom's POP3 server: the fixed ones as constants, and the ones that carry numbers as small
 * factories, so no handler builds reply text in place. RFC 1939 gives the dialogue; RFC 2449 8 and RFC 3206 the
 * bracketed response codes ({@link ResponseCode}).
 *
 * <p>What a refusal may say: a failed login never tells whether the user exists ({@link #ERR_AUTH_FAILED} for an
 * unknown user, a wrong password and a disabled account alike). Only after the right password does a refusal name
 * its reason ({@link #ERR_POP3_NOT_ALLOWED}, {@link #ERR_OFFICE_ONLY}, {@link #ERR_IN_USE}).
 */
public final class Pop3Replies {
    private Pop3Replies() {}

    // +OK
    public static final Pop3Reply OK = Pop3Reply.ok("");
    public static final Pop3Reply OK_BEGIN_TLS = Pop3Reply.ok("Begin TLS negotiation");
    public static final Pop3Reply OK_SEND_PASS = Pop3Reply.ok("Send your password");
    public static final Pop3Reply OK_BYE = Pop3Reply.ok("Bye");
    public static final Pop3Reply OK_TOP_FOLLOWS = Pop3Reply.ok("Top of message follows");
    /** RFC 5034 4: the server's challenge; PLAIN's is empty. Sent as {@code + } and nothing else. */
    public static final String SASL_EMPTY_CHALLENGE = "+ \r\n";

    // -ERR
    public static final Pop3Reply ERR_UNKNOWN_COMMAND = Pop3Reply.err("Unknown command");
    public static final Pop3Reply ERR_SYNTAX = Pop3Reply.err("Syntax error");
    public static final Pop3Reply ERR_LINE_TOO_LONG = Pop3Reply.err("Line too long");
    public static final Pop3Reply ERR_BAD_CHARACTERS = Pop3Reply.err("Command contains NUL, control or non-UTF-8 bytes");
    public static final Pop3Reply ERR_TOO_MANY_ERRORS = Pop3Reply.err("Too many bad commands, closing connection");
    /** The idle timeout, or a command line not complete within it (net.ReadDeadline); sent before the close. */
    public static final Pop3Reply ERR_TIMEOUT = Pop3Reply.err("Timeout waiting for a command, closing connection");
    public static final Pop3Reply ERR_NO_SUCH_MESSAGE = Pop3Reply.err("No such message");
    public static final Pop3Reply ERR_MESSAGE_DELETED = Pop3Reply.err("Message is marked as deleted");
    public static final Pop3Reply ERR_MESSAGE_GONE = Pop3Reply.err(ResponseCode.SYS_TEMP, "Message cannot be read now");
    public static final Pop3Reply ERR_NEED_USER = Pop3Reply.err("Send USER first");
    public static final Pop3Reply ERR_ALREADY_TLS = Pop3Reply.err("TLS is already active");
    public static final Pop3Reply ERR_TLS_UNAVAILABLE = Pop3Reply.err(ResponseCode.SYS_TEMP, "TLS is not available");
    public static final Pop3Reply ERR_AUTH_MECHANISM = Pop3Reply.err("Unsupported authentication mechanism");
    public static final Pop3Reply ERR_AUTH_CANCELLED = Pop3Reply.err("Authentication cancelled");
    public static final Pop3Reply ERR_AUTH_SYNTAX = Pop3Reply.err("Cannot decode the authentication data");
    /** RFC 3206 5: a login against policy is an AUTH failure; the text says how to fix it. */
    public static final Pop3Reply ERR_PLAINTEXT_REFUSED = Pop3Reply.err(ResponseCode.AUTH,
            "Logins without TLS are not allowed from your address; use STLS first");
    public static final Pop3Reply ERR_AUTH_FAILED = Pop3Reply.err(ResponseCode.AUTH, "Authentication failed");
    public static final Pop3Reply ERR_POP3_NOT_ALLOWED = Pop3Reply.err(ResponseCode.AUTH, "POP3 access is not enabled for this account");
    public static final Pop3Reply ERR_OFFICE_ONLY = Pop3Reply.err(ResponseCode.AUTH,
            "This account may read mail over POP3 only from the office network");
    public static final Pop3Reply ERR_IN_USE = Pop3Reply.err(ResponseCode.IN_USE, "Mailbox is in use by another POP3 session");
    public static final Pop3Reply ERR_LOCKED_OUT = Pop3Reply.err(ResponseCode.LOGIN_DELAY,
            "Too many failed logins from your address, try again later");
    /** RFC 2449 8.1.1: this login is refused for a while (too many failed attempts); other logins may go on. */
    public static final Pop3Reply ERR_LOGIN_LOCKED = Pop3Reply.err(ResponseCode.LOGIN_DELAY,
            "Too many failed logins for this account, try again later");
    /** Something failed inside Postroom (the database, the disk); the session goes on and the client may retry. */
    public static final Pop3Reply ERR_TEMPORARY_FAILURE = Pop3Reply.err(ResponseCode.SYS_TEMP, "Local error in processing, try again later");
    public static final Pop3Reply ERR_MAILBOX_UNAVAILABLE = Pop3Reply.err(ResponseCode.SYS_TEMP, "Cannot open the mailbox now, try again later");
    public static final Pop3Reply ERR_NOT_ALL_DELETED = Pop3Reply.err(ResponseCode.SYS_TEMP, "Some deleted messages were not removed");
    public static final Pop3Reply ERR_SHUTTING_DOWN = Pop3Reply.err(ResponseCode.SYS_TEMP, "Server shutting down, try again later");
    public static final Pop3Reply ERR_TOO_MANY_CONNECTIONS = Pop3Reply.err(ResponseCode.SYS_TEMP, "Too many connections, try again later");
    public static final Pop3Reply ERR_TOO_MANY_FROM_CLIENT = Pop3Reply.err(ResponseCode.SYS_TEMP,
            "Too many connections from your address, try again later");

    // with numbers

    /** RFC 1939 4: the greeting. No APOP timestamp: APOP is not offered. */
    public static Pop3Reply greeting(String hostname) {
        return Pop3Reply.ok(hostname + " POP3 Postroom ready");
    }

    public static Pop3Reply capabilities(List<String> capabilities) {
        return Pop3Reply.multiLine("Capability list follows", capabilities);
    }

    /** The answer to AUTH without a mechanism: the mechanisms, one a line. */
    public static Pop3Reply mechanisms(List<String> mechanisms) {
        return Pop3Reply.multiLine("Methods supported", mechanisms);
    }

    public static Pop3Reply loggedIn(int messages, long octets) {
        return Pop3Reply.ok("Logged in, " + messages + " messages (" + octets + " octets)");
    }

    /** RFC 1939 5: exactly {@code +OK nn mm}. */
    public static Pop3Reply stat(int messages, long octets) {
        return Pop3Reply.ok(messages + " " + octets);
    }

    /** RFC 1939 5: a scan listing, {@code msg octets}. */
    public static Pop3Reply scanListing(int message, long octets) {
        return Pop3Reply.ok(message + " " + octets);
    }

    public static Pop3Reply scanListings(int messages, long octets, List<String> lines) {
        return Pop3Reply.multiLine(messages + " messages (" + octets + " octets)", lines);
    }

    /** RFC 1939 7: a unique-id listing, {@code msg unique-id}. */
    public static Pop3Reply uniqueIdListing(int message, String uid) {
        return Pop3Reply.ok(message + " " + uid);
    }

    public static Pop3Reply uniqueIdListings(List<String> lines) {
        return Pop3Reply.multiLine("Unique-id listing follows", lines);
    }

    public static Pop3Reply retrieving(long octets) {
        return Pop3Reply.ok(octets + " octets");
    }

    public static Pop3Reply deleted(int message) {
        return Pop3Reply.ok("Message " + message + " deleted");
    }

    public static Pop3Reply reset(int messages, long octets) {
        return Pop3Reply.ok("Maildrop has " + messages + " messages (" + octets + " octets)");
    }

    public static Pop3Reply notInState(Pop3Verb verb, Pop3State state) {
        return Pop3Reply.err(verb + " is not allowed in the " + state + " state");
    }

    public static Pop3Reply updated(int deleted, int left) {
        return Pop3Reply.ok("Bye, " + deleted + " messages deleted, " + left + " left");
    }
}
