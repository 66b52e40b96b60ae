/**
 * The collector: logs in to the provider's POP3 mailboxes on a schedule, downloads every message to disk, works
 * out which local users each is for (single-drop: one address; multi-drop: envelope header, then
 * {@code Received ... for}, then To/Cc), delivers it through the same intake as SMTP mail, remembers it, and only
 * then deletes it at the provider.
 *
 * <p>SECURITY: messages and replies come from the provider and, through it, from anyone on the internet. Header
 * reading is bounded; recipient addresses found in headers are only ever resolved to local users — an address in
 * a foreign domain is never relayed from here, and aliases' outside targets are not followed.
 */
package org.postroom.collect;
