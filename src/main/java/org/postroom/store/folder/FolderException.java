package org.postroom.store.folder;

import java.io.IOException;

/** A folder operation refused for a reason a client is told (the IMAP response codes of RFC 5530). */
public final class FolderException extends IOException {
    public enum Reason { NONEXISTENT, ALREADYEXISTS, CANNOT, OVERQUOTA, LIMIT, EXPUNGEISSUED, INUSE }

    private final Reason reason;

    public FolderException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
