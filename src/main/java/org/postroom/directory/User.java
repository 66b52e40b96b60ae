package org.postroom.directory;

import java.util.Objects;
import org.postroom.message.MailAddress;

/**
 * A person (or shared mailbox) with a mailbox and a password. The password hash is deliberately not part of this
 * record: a {@code User} may be logged, printed or sent as JSON.
 *
 * @param id stable identifier; the mail store may key mailboxes on it
 * @param address the address as the administrator wrote it
 * @param displayName free text, may be empty
 * @param enabled a disabled user receives no mail and cannot log in
 * @param internalOnly may send and receive only within the office's domains (the router enforces it)
 * @param quotaBytes mailbox size limit; 0 means unlimited
 * @param pop3Allowed may read mail over POP3
 * @param pop3OfficeOnly may read mail over POP3 only from the office networks ({@code [pop3] office_networks})
 * @param imapAllowed may read mail over IMAP
 * @param imapOfficeOnly may read mail over IMAP only from the office networks ({@code [pop3] office_networks})
 * @param admin may use the whole console and API (issue 13); every postmaster has it
 */
public record User(long id, MailAddress address, String displayName, boolean enabled, boolean internalOnly,
        long quotaBytes, boolean pop3Allowed, boolean pop3OfficeOnly, boolean imapAllowed, boolean imapOfficeOnly, boolean admin) {
    public User {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(displayName, "displayName");
        if (quotaBytes < 0) throw new IllegalArgumentException("negative quota");
    }

    /** A user without the admin role. */
    public User(long id, MailAddress address, String displayName, boolean enabled, boolean internalOnly,
            long quotaBytes, boolean pop3Allowed, boolean pop3OfficeOnly, boolean imapAllowed, boolean imapOfficeOnly) {
        this(id, address, displayName, enabled, internalOnly, quotaBytes, pop3Allowed, pop3OfficeOnly, imapAllowed, imapOfficeOnly, false);
    }

    /** A user with IMAP allowed from anywhere (the default for a new user). */
    public User(long id, MailAddress address, String displayName, boolean enabled, boolean internalOnly,
            long quotaBytes, boolean pop3Allowed, boolean pop3OfficeOnly) {
        this(id, address, displayName, enabled, internalOnly, quotaBytes, pop3Allowed, pop3OfficeOnly, true, false);
    }

    public boolean unlimitedQuota() {
        return quotaBytes == 0;
    }
}
