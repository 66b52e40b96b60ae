/**
 * Recipient resolution, the same for every door: asks the directory who an envelope recipient is, and applies
 * the office's policies (no open relay, internal-only users, lists for local senders only, quotas). Trusts the
 * {@link org.postroom.router.SenderContext} its caller built from the session (who logged in, from where).
 */
package org.postroom.router;
