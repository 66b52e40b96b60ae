/**
 * The IMAP conversation over a socket (RFC 3501, with IDLE, UIDPLUS, MOVE, SPECIAL-USE, NAMESPACE, ID, ENABLE,
 * LITERAL+, SASL-IR, LIST-EXTENDED, LIST-STATUS, UNSELECT, CHILDREN, APPENDLIMIT; RFC 8314 implicit TLS): one
 * {@link org.postroom.imap.server.ImapSession} per connection on its own virtual thread, on the doors of
 * {@link org.postroom.net.Doors}, reading the user's folders through {@link org.postroom.store.folder}.
 *
 * <p>Commands are small classes ({@link org.postroom.imap.server.ImapCommand}) registered by name in
 * {@link org.postroom.imap.server.ImapCommands}; the session checks the state once before dispatch. The selected
 * state's commands are registered by {@link org.postroom.imap.server.SelectedCommands} and work on the session's
 * {@link org.postroom.imap.server.Selection}.
 *
 * <p>SECURITY: everything the client sends is untrusted. Command lines, literals, errors, idle time and connections
 * per address are bounded; every login goes through {@link org.postroom.net.LoginGuard}, shared with SMTP and POP3.
 * Passwords are accepted only inside TLS, or from loopback or the office networks when so configured. A failed
 * login never says whether the user exists.
 */
package org.postroom.imap.server;
