/**
 * IMAP4rev1's vocabulary (RFC 3501 9, the formal syntax), without sockets: reading a command's arguments
 * ({@link org.postroom.imap.ArgumentCursor}: atoms, strings, literals, lists, numbers, sequence sets, dates),
 * writing responses ({@link org.postroom.imap.ResponseWriter}: quoted strings or literals by content, tagged,
 * untagged and continuation responses with their response codes), and the states of a session.
 *
 * <p>SECURITY: every argument is the client's. The cursor never reads past the command it was given, literals
 * come through a {@link org.postroom.imap.LiteralSource} that enforces the size limits, and every syntax error is
 * an {@link org.postroom.imap.ImapSyntaxException} that the session answers {@code BAD}.
 */
package org.postroom.imap;
