/**
 * FETCH (RFC 3501 6.4.5, 7.4.2): {@code FetchRequest} (the items asked for, parsed from the command by
 * {@code FetchParser}) and {@code FetchRenderer}, which writes one message's {@code * n FETCH (...)} from its
 * {@code MessageInfo}, reading the message's file only for what needs it, through a {@code MessageSource}.
 * imap-selected's FETCH command calls these; this package holds no session state beyond the {@code StructureCache}
 * a session passes in.
 *
 * <p>SECURITY: the request is a client's (bounded by the command reader); the message is a sender's (see
 * {@code org.postroom.imap.mime}). A response is always well-formed, whatever the file holds.
 */
package org.postroom.imap.fetch;
