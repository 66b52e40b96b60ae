/**
 * Recipient resolution, the same for every door (SMTP, the collector, Postroom's own notices): asks the directory who
 * an envelope recipient is, and applies the office's policies (no open relay, internal-only users both ways, lists
 * for local senders only, quotas, {@code [addresses] unknown_local}). Trusts the
 * {@link org.postroom.router.SenderContext} its caller built (who logged in, from where, through which door).
 */
package org.postroom.router;
