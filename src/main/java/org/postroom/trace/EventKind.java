package org.postroom.trace;

/** What happened to a message at one step. The names are stored in the trace database: add, never rename. */
public enum EventKind {
    /** A door took the message: the client heard 250 (or the collector may now delete it at the provider). */
    ACCEPTED,
    /** Refused at a command (RCPT, MAIL, end of data): the client heard the reply in the event. */
    REFUSED,
    /** Stored in a local mailbox. */
    DELIVERED,
    /** Put in the outbound queue for outside recipients. */
    QUEUED,
    /** The smarthost took it for a recipient. */
    RELAYED,
    /** A relay attempt failed for now; the next attempt is in the event. */
    DEFERRED,
    /** Failed for good: a notice goes back to the sender. */
    BOUNCED,
    /** The sender was told the message is late (RFC 3464 Action: delayed). */
    DELAY_NOTICE,
    /** Still undelivered at the end of its lifetime: failed, and the sender is told. */
    EXPIRED,
    /** The administrator held, released, deleted or bounced a queued message. */
    HELD, RELEASED, DELETED, ADMIN_BOUNCED,
    /** The collector took a message from a provider mailbox and sorted it; the rule that chose each recipient is in the event. */
    COLLECTED,
    /** The collector dropped a copy it had filed already. */
    DUPLICATE,
    /** The collector found no local recipient: filed to the unresolved destination, and why. */
    UNRESOLVED,
    /** Read or deleted by its owner over POP3/IMAP ({@code [trace] reads = true}). */
    READ, REMOVED,
    /**
     * An administrator's action in the console, the API or the CLI (issue 13's audit trail): who in the sender, what
     * in {@code action}, the target among the addresses, and {@code outcome} ({@code ok}, {@code refused}, {@code failed}).
     */
    ADMIN
}
