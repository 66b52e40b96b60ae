package org.postroom.store;

import java.nio.file.Path;

/**
 * One message file in a Maildir's {@code new/} or {@code cur/}, as a reader lists it.
 *
 * @param file where the file was when listed
 * @param uniqueName the Maildir unique name: the file name without the {@code ,S=...} size field and the
 *     {@code :2,...} flags, so it stays the same when the message moves to {@code cur/} or gains flags
 * @param size the file's size in octets; messages are stored with CRLF line ends, so this is also the size on
 *     the wire (RFC 1939 octet counts)
 * @param seen whether the message has the Maildir {@code S} (seen) flag
 */
public record StoredMessage(Path file, String uniqueName, long size, boolean seen) {}
