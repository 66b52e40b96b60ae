package org.postroom.directory;

import static org.postroom.directory.DirectoryException.invalid;

import org.postroom.message.MailAddress;

/** The checks on what an administrator asks the directory to store, before any transaction starts. */
final class Checks {

    /** Longer than any passphrase a person types; bounds the work one request can ask of the hasher. */
    static final int MAX_PASSWORD_CHARS = 1024;

    private Checks() {}

    /** The address of a new user, alias or group. */
    static void newAddress(MailAddress address) {
        // Such a local part would read as a route to other mail software (RFC 5321 3.6.1, the "percent hack").
        if (address.localPart().chars().anyMatch(ch -> ch == '%' || ch == '!' || ch == '@')) {
            throw invalid(address + ": a local part must not contain %, ! or @");
        }
    }

    static char[] password(char[] password) {
        if (password == null || password.length == 0) throw invalid("the password is empty");
        if (password.length > MAX_PASSWORD_CHARS) throw invalid("the password is longer than " + MAX_PASSWORD_CHARS + " characters");
        return password;
    }

    /** A display name may later be written into headers: no line breaks or other control characters. */
    static String displayName(String displayName) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.chars().anyMatch(Character::isISOControl)) throw invalid("the display name contains control characters");
        return name;
    }

    static void quota(long quotaBytes) {
        if (quotaBytes < 0) throw invalid("the quota must not be negative");
    }
}
