package org.postroom.imap;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where a command's literals and the lines after them come from (RFC 3501 4.3, RFC 7888): the session's
 * connection. The cursor asks for a literal when it reaches its {@code {n}} or {@code {n+}} marker at the end of a
 * line; the source sends the {@code +} continuation for a synchronizing one, reads the octets and, when asked,
 * the line that continues the command. The source enforces the limits.
 */
public interface LiteralSource {
    /**
     * The literal's octets, read into memory (small literals: a password, a mailbox name, a search string).
     *
     * @throws ImapSyntaxException over the limit for literals held in memory (a {@link ImapSyntaxException.Fatal}
     *     for a non-synchronizing one, whose octets are already on their way)
     */
    byte[] literal(long size, boolean nonSynchronizing) throws IOException, ImapSyntaxException;

    /**
     * The literal as a stream of exactly {@code size} octets (APPEND's message, not held in memory); {@code limit}
     * is the largest the caller accepts. What the caller leaves unread is skipped before the next line.
     */
    InputStream stream(long size, boolean nonSynchronizing, long limit) throws IOException, ImapSyntaxException;

    /** The line that continues the command after a literal, without its CRLF. */
    byte[] nextLine() throws IOException, ImapSyntaxException;
}
