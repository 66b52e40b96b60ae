/**
 * The durable outbound spool ({@code data/queue/}): one message file and one envelope file per message, written
 * and synced before the client hears 250; the retry schedule; the runner that hands due messages to the
 * delivery agent and records each recipient's outcome; the notices (RFC 3464 bounces and delay notices, and the
 * postmaster's notice when a bounce itself fails); and the administrator's requests, which reach the runner
 * through files while the server runs ({@link org.postroom.queue.QueueControl}).
 *
 * <p>SECURITY: trusts the envelope handed over by intake (already routed and authorized) and its own files;
 * an envelope that does not decode is set aside, not guessed at. Knows nothing about sockets or SMTP: the
 * delivery agent ({@code org.postroom.relay}) turns replies into {@link org.postroom.queue.Diagnosis} values.
 */
package org.postroom.queue;
