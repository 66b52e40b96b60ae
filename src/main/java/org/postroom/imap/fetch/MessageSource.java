package org.postroom.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.postroom.store.folder.Folder;
import org.postroom.store.folder.MessageInfo;

/**
 * A message's content and internal date, got only when a FETCH or SEARCH needs them: {@code FLAGS}, {@code UID},
 * {@code RFC822.SIZE} and flag searches never call it.
 */
public interface MessageSource {
    /** The message from its first octet; the caller closes it. May throw {@code FolderException} EXPUNGEISSUED. */
    InputStream open() throws IOException;

    /** When the message was delivered or appended (RFC 3501 2.3.3). */
    Instant internalDate() throws IOException;

    /** The message as a folder holds it. */
    static MessageSource of(Folder folder, MessageInfo message) {
        return new MessageSource() {
            @Override
            public InputStream open() throws IOException {
                return folder.open(message);
            }

            @Override
            public Instant internalDate() throws IOException {
                return folder.internalDate(message);
            }
        };
    }
}
