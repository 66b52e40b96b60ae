/**
 * The collector: logs in to the provider's POP3 mailboxes on a schedule, downloads every message to disk, works
 * out which local users each is for (single-drop: one address; multi-drop: envelope header, then
 * {@code Received ... for}, then To/Cc), routes it through the same router as SMTP mail (the sender an outsider)
 * and delivers it through the same intake, remembers it, and only then deletes it at the provider. A message that
 * cannot be filed normally, or that nobody local takes, goes to the account's unresolved destination.
 *
 * <p>SECURITY: messages and replies come from the provider and, through it, from anyone on the internet. Header
 * reading is bounded; recipient addresses found in headers are only ever routed to local users
 * ({@code SenderContext.COLLECTED}) — an address in a foreign domain or an unknown local one is never relayed from
 * here, and aliases' outside targets are not followed.
 */
package org.postroom.collect;
