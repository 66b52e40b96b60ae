package org.postroom.smtp.client;

import org.postroom.smtp.SmtpReply;

/** The final word for one recipient of a transaction: the server's reply, or why there was none. */
public sealed interface Answer {

    /** The reply that decided this recipient, and the step it answered (MAIL, RCPT, DATA or the final dot). */
    record Replied(SmtpReply reply, SmtpClientException.Stage stage) implements Answer {}

    /** The conversation broke off at {@code stage} before this recipient's fate was known. */
    record Broken(SmtpClientException.Stage stage, SmtpClientException.Kind kind, String why) implements Answer {}
}
