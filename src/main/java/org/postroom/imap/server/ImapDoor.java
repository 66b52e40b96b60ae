package org.postroom.imap.server;

/** The two ways into Postroom's IMAP service. */
public enum ImapDoor {
    /** Port 143 (2143 embedded): IMAP, STARTTLS to switch to TLS (RFC 3501 6.2.1). */
    IMAP(false),
    /** Port 993 (2993 embedded): IMAP over implicit TLS (RFC 8314). */
    IMAPS(true);

    final boolean implicitTls;

    ImapDoor(boolean implicitTls) {
        this.implicitTls = implicitTls;
    }
}
