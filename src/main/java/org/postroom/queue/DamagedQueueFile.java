package org.postroom.queue;

import java.io.IOException;

/**
 * A queue file or envelope that cannot be what Postroom wrote: cut short, changed, or not decodable. Such a
 * message is set aside for the administrator; any other {@link IOException} (no file handles, a disk error) is
 * tried again later instead.
 */
final class DamagedQueueFile extends IOException {
    DamagedQueueFile(String message) {
        super(message);
    }

    DamagedQueueFile(String message, Throwable cause) {
        super(message, cause);
    }
}
