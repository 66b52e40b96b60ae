/**
 * The trace: every step of every message (accepted, refused, delivered, queued, each relay attempt, bounced,
 * delayed, expired, held/released/deleted by the administrator, collected, read) as an {@link org.postroom.trace.Event},
 * kept durably in {@code data/trace.db} (SQLite, WAL) for {@code [trace] keep}; the queries behind
 * {@code postroom trace} and {@code postroom stats}; and a listener hook ({@link org.postroom.trace.Trace#subscribe})
 * for the metrics.
 *
 * <p>Trusts: events come from Postroom's own code; their texts (addresses, replies, Message-IDs) came from clients
 * and remote servers and are stored and shown as data, never interpreted.
 */
package org.postroom.trace;
