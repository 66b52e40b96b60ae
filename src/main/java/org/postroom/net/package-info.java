/**
 * What every protocol door shares, so that SMTP, POP3 and (next) IMAP differ only in their dialogue:
 * {@link org.postroom.net.Doors} (one {@link org.postroom.net.Listener} per door, one
 * {@link org.postroom.net.ConnectionLimiter}, session ids, turning clients away, the orderly stop that wakes idle
 * sessions), {@link org.postroom.net.SessionConnection} (a session's socket, bounded line reader, buffered output,
 * STARTTLS/implicit TLS and strict decoding of command lines), {@link org.postroom.net.Tls} with
 * {@link org.postroom.net.HandshakeLog} (failed handshakes logged, rate-limited), and
 * {@link org.postroom.net.LoginGuard} (every password check: delay, lockout per login and per client address,
 * one log line per refused login). Knows no protocol: replies come from the protocol packages.
 *
 * <p>SECURITY: the bytes are the client's. Lines are bounded; an implicit-TLS door writes nothing in plaintext;
 * passwords are wiped after checking and never logged; a session remembers only salted digests of its failed
 * logins.
 */
package org.postroom.net;
