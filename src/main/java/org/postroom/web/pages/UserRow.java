package org.postroom.web.pages;

import org.postroom.service.DirectoryViews.UserView;

/**
 * A user as the users pages show one: access as "yes", "office" or "no" (as {@code postroom user list}), sizes as
 * an administrator reads and writes them. Made from the service's {@link UserView}, the API's shape.
 */
public record UserRow(String address, String name, boolean enabled, boolean admin, boolean internalOnly, String pop3, String imap,
        long quotaBytes, long usedBytes) {

    static UserRow of(UserView u) {
        return new UserRow(u.address(), u.name(), u.enabled(), u.admin(), u.internalOnly(), access(u.pop3Allowed(), u.pop3OfficeOnly()),
                access(u.imapAllowed(), u.imapOfficeOnly()), u.quotaBytes(), u.usedBytes());
    }

    private static String access(boolean allowed, boolean officeOnly) {
        if (!allowed) return "no";
        return officeOnly ? "office" : "yes";
    }

    public String link() {
        return "/users/" + Show.segment(address);
    }

    public String quota() {
        return quotaBytes == 0 ? "unlimited" : Show.bytes(quotaBytes);
    }

    /** The quota as the form's field shows it: empty for unlimited. */
    public String quotaInput() {
        return quotaBytes == 0 ? "" : Show.sizeInput(quotaBytes);
    }

    public String used() {
        if (usedBytes < 0) return "unknown";
        String used = Show.bytes(usedBytes);
        return quotaBytes == 0 ? used : used + " (" + Math.min(999, usedBytes * 100 / quotaBytes) + "%)";
    }
}
