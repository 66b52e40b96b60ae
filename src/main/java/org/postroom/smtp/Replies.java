package org.postroom.smtp;

/**
 * Every fixed reply of Postroom's SMTP server, named after its code. RFC 5321 4.2.2 and 4.3.2 give the codes
 * each command may answer with; RFC 3463 the enhanced codes.
 */
public final class Replies {
    private Replies() {}

    // 2xx
    public static final SmtpReply C221_BYE = new SmtpReply(221, "2.0.0", "Bye");
    public static final SmtpReply C220_READY_FOR_TLS = new SmtpReply(220, "2.0.0", "Ready to start TLS");
    public static final SmtpReply C235_AUTH_OK = new SmtpReply(235, "2.7.0", "Authentication successful");
    public static final SmtpReply C250_OK = new SmtpReply(250, "2.0.0", "OK");
    public static final SmtpReply C250_SENDER_OK = new SmtpReply(250, "2.1.0", "Sender OK");
    public static final SmtpReply C250_RECIPIENT_OK = new SmtpReply(250, "2.1.5", "Recipient OK");
    public static final SmtpReply C250_RESET = new SmtpReply(250, "2.0.0", "Reset");
    public static final SmtpReply C250_ACCEPTED = new SmtpReply(250, "2.0.0", "Accepted");
    public static final SmtpReply C252_CANNOT_VRFY = new SmtpReply(252, "2.5.0",
            "Cannot verify the user, but will accept the message and attempt delivery");
    public static final SmtpReply C214_HELP = new SmtpReply(214, "2.0.0",
            "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT HELP VRFY STARTTLS AUTH; see RFC 5321");
    public static final SmtpReply C334_EMPTY_CHALLENGE = new SmtpReply(334, null, "");
    public static final SmtpReply C354_START_DATA = new SmtpReply(354, null, "End data with <CR><LF>.<CR><LF>");

    // 4xx
    public static final SmtpReply C421_SHUTTING_DOWN = new SmtpReply(421, "4.3.2", "Service shutting down, try again later");
    public static final SmtpReply C421_TIMEOUT = new SmtpReply(421, "4.4.2", "Timeout waiting for input, closing connection");
    public static final SmtpReply C421_TOO_MANY_CONNECTIONS = new SmtpReply(421, "4.7.0", "Too many connections, try again later");
    public static final SmtpReply C421_TOO_MANY_FROM_CLIENT = new SmtpReply(421, "4.7.0",
            "Too many connections from your address, try again later");
    public static final SmtpReply C421_TOO_MANY_ERRORS = new SmtpReply(421, "4.7.0", "Too many errors, closing connection");
    public static final SmtpReply C421_AUTH_LOCKED_OUT = new SmtpReply(421, "4.7.0",
            "Too many failed logins from your address, try again later");
    public static final SmtpReply C451_LOCAL_ERROR = new SmtpReply(451, "4.3.0", "Local error in processing, try again later");
    public static final SmtpReply C451_RELAY_NOT_CONFIGURED = new SmtpReply(451, "4.3.5",
            "Outbound mail is not available yet: no relay (smarthost) is configured on this server");
    public static final SmtpReply C452_TOO_MANY_RECIPIENTS = new SmtpReply(452, "4.5.3", "Too many recipients");
    public static final SmtpReply C452_OVER_QUOTA = new SmtpReply(452, "4.2.2", "Mailbox full, try again later");
    public static final SmtpReply C452_DISK_FULL = new SmtpReply(452, "4.3.1", "Insufficient system storage, try again later");
    public static final SmtpReply C454_TLS_UNAVAILABLE = new SmtpReply(454, "4.7.0", "TLS not available");
    /** RFC 4954 6: a temporary failure; this login has too many failed attempts and is not checked for now. */
    public static final SmtpReply C454_LOGIN_LOCKED = new SmtpReply(454, "4.7.0",
            "Too many failed logins for this account, try again later");
    public static final SmtpReply C454_AUTH_TEMPORARY = new SmtpReply(454, "4.7.0", "Temporary authentication failure");

    // 5xx
    public static final SmtpReply C500_UNRECOGNIZED = new SmtpReply(500, "5.5.1", "Command not recognized");
    public static final SmtpReply C500_LINE_TOO_LONG = new SmtpReply(500, "5.5.2", "Line too long (RFC 5321 limit: 512 octets)");
    public static final SmtpReply C500_BAD_CHARACTERS = new SmtpReply(500, "5.5.2", "Command contains NUL, control or non-UTF-8 bytes");
    public static final SmtpReply C500_TEXT_LINE_TOO_LONG = new SmtpReply(500, "5.5.2",
            "Message has a line longer than 1000 octets (RFC 5321 4.5.3.1.6)");
    public static final SmtpReply C501_SYNTAX = new SmtpReply(501, "5.5.4", "Syntax error in parameters or arguments");
    public static final SmtpReply C501_EHLO_SYNTAX = new SmtpReply(501, "5.5.4", "EHLO needs a domain or address literal");
    public static final SmtpReply C501_AUTH_CANCELLED = new SmtpReply(501, "5.7.0", "Authentication cancelled");
    public static final SmtpReply C501_AUTH_SYNTAX = new SmtpReply(501, "5.5.2", "Cannot decode the authentication data");
    public static final SmtpReply C502_NOT_IMPLEMENTED = new SmtpReply(502, "5.5.1", "Command not implemented");
    public static final SmtpReply C503_BAD_SEQUENCE = new SmtpReply(503, "5.5.1", "Bad sequence of commands");
    public static final SmtpReply C503_NEED_EHLO = new SmtpReply(503, "5.5.1", "Send EHLO or HELO first");
    public static final SmtpReply C503_NEED_MAIL = new SmtpReply(503, "5.5.1", "Send MAIL first");
    public static final SmtpReply C503_NESTED_MAIL = new SmtpReply(503, "5.5.1", "Sender already given");
    public static final SmtpReply C503_NEED_RCPT = new SmtpReply(503, "5.5.1", "No valid recipients");
    public static final SmtpReply C503_ALREADY_AUTHENTICATED = new SmtpReply(503, "5.5.1", "Already authenticated");
    public static final SmtpReply C503_AUTH_IN_TRANSACTION = new SmtpReply(503, "5.5.1", "AUTH is not allowed during a mail transaction");
    public static final SmtpReply C503_ALREADY_TLS = new SmtpReply(503, "5.5.1", "TLS already active");
    public static final SmtpReply C503_BDAT_MIXED = new SmtpReply(503, "5.5.1", "DATA and BDAT cannot be mixed in one transaction");
    public static final SmtpReply C504_AUTH_MECHANISM = new SmtpReply(504, "5.5.4", "Unrecognized authentication mechanism");
    public static final SmtpReply C530_AUTH_REQUIRED = new SmtpReply(530, "5.7.0", "Authentication required");
    public static final SmtpReply C530_TLS_REQUIRED = new SmtpReply(530, "5.7.0", "Must issue a STARTTLS command first");
    public static final SmtpReply C535_AUTH_FAILED = new SmtpReply(535, "5.7.8", "Authentication credentials invalid");
    public static final SmtpReply C538_ENCRYPTION_REQUIRED = new SmtpReply(538, "5.7.11",
            "Encryption required for this authentication mechanism");
    public static final SmtpReply C550_UNKNOWN_USER = new SmtpReply(550, "5.1.1", "No such user here");
    public static final SmtpReply C550_MAILBOX_DISABLED = new SmtpReply(550, "5.2.1", "Mailbox disabled, not accepting messages");
    public static final SmtpReply C550_RELAY_DENIED = new SmtpReply(550, "5.7.1", "Relay access denied");
    public static final SmtpReply C550_INTERNAL_ONLY = new SmtpReply(550, "5.7.1",
            "You may send only to recipients inside the office");
    public static final SmtpReply C550_INTERNAL_ONLY_RECIPIENT = new SmtpReply(550, "5.7.1",
            "This recipient accepts mail only from senders inside the office");
    public static final SmtpReply C550_LOCAL_SENDERS_ONLY = new SmtpReply(550, "5.7.1",
            "This list accepts mail only from senders inside the office");
    public static final SmtpReply C552_MESSAGE_TOO_BIG = new SmtpReply(552, "5.3.4", "Message size exceeds fixed maximum message size");
    public static final SmtpReply C552_OVER_QUOTA = new SmtpReply(552, "5.2.2", "Mailbox full");
    public static final SmtpReply C553_SENDER_NOT_OWNED = new SmtpReply(553, "5.7.1",
            "Sender address is not one of your addresses");
    public static final SmtpReply C553_NOT_UTF8_ALLOWED = new SmtpReply(553, "5.6.7",
            "Address has non-ASCII characters; use SMTPUTF8");
    public static final SmtpReply C554_LOOP = new SmtpReply(554, "5.4.6", "Too many Received headers: mail loop");
    public static final SmtpReply C554_NO_VALID_RECIPIENTS = new SmtpReply(554, "5.5.1", "No valid recipients");
    public static final SmtpReply C550_BARE_LINE_END = new SmtpReply(550, "5.6.0",
            "Message contains a bare LF or CR; lines must end with CRLF (RFC 5321 2.3.8)");
    public static final SmtpReply C555_UNSUPPORTED_PARAMETER = new SmtpReply(555, "5.5.4",
            "MAIL FROM/RCPT TO parameters not recognized or not implemented");
}
