/**
 * The users' mailboxes on disk: one Maildir per user under {@code data/mail/<domain>/<local-part>/}, written
 * by the Maildir rules (tmp/, then a rename-by-link into new/) with fsyncs so that a delivered message
 * survives a power cut, as a transaction: prepared in tmp/, then committed into new/ or aborted. Trusts its
 * callers (intake) for who the recipients are; trusts nothing in the message.
 */
package org.postroom.store;
