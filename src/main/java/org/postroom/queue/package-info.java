/**
 * The durable outbound spool ({@code data/queue/}): each message is one queue file, {@code ID.msg}
 * ({@link org.postroom.queue.QueueFile}: the bytes to send, the envelope as it was at intake, a footer with a CRC-32C),
 * staged in {@code tmp/}, synced once, and renamed into the queue when intake commits, before the client hears 250;
 * an {@code ID.json} beside it holds the envelope once it changes. Also here: the retry schedule; the runner that
 * hands due messages to the delivery agent and records each recipient's outcome; the notices (RFC 3464 bounces and
 * delay notices, and the postmaster's notice when a bounce itself fails); and the administrator's requests, which
 * reach the runner through files while the server runs ({@link org.postroom.queue.QueueControl}).
 *
 * <p>SECURITY: trusts the envelope handed over by intake (already routed and authorized) and its own files, but
 * checks them: a queue file or envelope that does not add up ({@link org.postroom.queue.DamagedQueueFile}) is set
 * aside in {@code corrupt/}, not guessed at. Knows nothing about sockets or SMTP: the delivery agent
 * ({@code org.postroom.relay}) turns replies into {@link org.postroom.queue.Diagnosis} values.
 */
package org.postroom.queue;
