/**
 * The SMTP conversation over a socket (RFC 5321, 6409 submission, 8314 implicit TLS, 3207 STARTTLS, 4954 AUTH,
 * 3030 CHUNKING): one {@link org.postroom.smtp.server.SmtpSession} per connection on its own virtual thread, the
 * order of commands from {@link org.postroom.smtp.SmtpState}'s table, logins through
 * {@link org.postroom.net.LoginGuard} (shared with POP3).
 *
 * <p>SECURITY: everything the client sends is untrusted. Lines are bounded (512 octets for commands, 1000 for
 * text), messages by SIZE, sessions by errors, recipients and idle time. What a reply reveals is limited to
 * what the client needs; causes are logged with the session id instead.
 */
package org.postroom.smtp.server;
