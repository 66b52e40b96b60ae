/**
 * Postroom's SMTP client: one connection to a remote server (the provider's smarthost), spoken in the same
 * vocabulary as the server ({@link org.postroom.smtp.SmtpReply}, {@link org.postroom.smtp.ReplyParser}): EHLO,
 * STARTTLS, AUTH, pipelined transactions with per-recipient answers, bounded waits everywhere. Knows nothing
 * about the queue; {@code org.postroom.relay} decides what the answers mean for the mail.
 *
 * <p>SECURITY: everything the remote server sends is parsed strictly and bounded in size; the password is never
 * logged, and the caller sends it only inside TLS.
 */
package org.postroom.smtp.client;
