/**
 * The POP3 conversation over a socket (RFC 1939, 2449 CAPA, 2595 STLS, 5034 AUTH, 8314 implicit TLS): one
 * {@link org.postroom.pop3.server.Pop3Session} per connection on its own virtual thread, reading the user's
 * INBOX through the store's shared {@link org.postroom.store.folder.Folder} (as IMAP does, so each sees the other's changes).
 *
 * <p>SECURITY: everything the client sends is untrusted. Command lines are bounded, sessions by errors, idle time
 * and connections per address; every login goes through {@link org.postroom.net.LoginGuard}, shared with SMTP. Passwords are accepted
 * only inside TLS, or from loopback or the office networks when so configured. A failed login never says
 * whether the user exists. The message bytes sent are the stored ones; the only change is dot-stuffing.
 */
package org.postroom.pop3.server;
