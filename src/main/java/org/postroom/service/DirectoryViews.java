package org.postroom.service;

import java.util.List;
import org.postroom.directory.Alias;
import org.postroom.directory.Domain;
import org.postroom.directory.Group;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;

/**
 * The JSON shapes of the directory, for {@code --format json} and the API alike: addresses as strings, sizes in
 * bytes, no password hashes (the directory's records do not carry them in the first place). Field names are part of
 * both interfaces: add, never rename.
 */
public final class DirectoryViews {

    private DirectoryViews() {}

    /** @param usedBytes octets in the mailbox now (-1 when it could not be read) */
    public record UserView(long id, String address, String name, boolean enabled, boolean internalOnly, long quotaBytes,
            boolean pop3Allowed, boolean pop3OfficeOnly, boolean imapAllowed, boolean imapOfficeOnly, boolean admin, long usedBytes) {
        public static UserView of(User u, long usedBytes) {
            return new UserView(u.id(), u.address().toString(), u.displayName(), u.enabled(), u.internalOnly(),
                    u.quotaBytes(), u.pop3Allowed(), u.pop3OfficeOnly(), u.imapAllowed(), u.imapOfficeOnly(), u.admin(), usedBytes);
        }
    }

    /** A user with what refers to them directly, for {@code user show} and {@code GET /api/v1/users/{address}}. */
    public record UserDetail(long id, String address, String name, boolean enabled, boolean internalOnly, long quotaBytes,
            boolean pop3Allowed, boolean pop3OfficeOnly, boolean imapAllowed, boolean imapOfficeOnly, boolean admin, long usedBytes,
            List<String> groups, List<String> aliases) {}

    /** The POP3 column of text output: "yes", "office" (only from the office networks) or "no". */
    public static String pop3Access(User u) {
        if (!u.pop3Allowed()) return "no";
        return u.pop3OfficeOnly() ? "office" : "yes";
    }

    /** The IMAP column of text output: "yes", "office" (only from the office networks) or "no". */
    public static String imapAccess(User u) {
        if (!u.imapAllowed()) return "no";
        return u.imapOfficeOnly() ? "office" : "yes";
    }

    public record AliasView(String address, List<String> targets) {
        public static AliasView of(Alias a) {
            return new AliasView(a.address().toString(), strings(a.targets()));
        }
    }

    public record GroupView(String address, boolean localSendersOnly, List<String> members) {
        public static GroupView of(Group g) {
            return new GroupView(g.address().toString(), g.localSendersOnly(), strings(g.members()));
        }
    }

    public record DomainView(String name, String catchAll) {
        public static DomainView of(Domain d) {
            return new DomainView(d.name(), d.catchAll().map(MailAddress::toString).orElse(null));
        }
    }

    /** What a removal answers. */
    public record Removed(String removed, String kind) {}

    /** What a user's removal answers: {@code mailbox} is "moved", "kept" or "none"; {@code path} where it is. */
    public record UserRemoved(String removed, String kind, String mailbox, String path) {}

    public static List<String> strings(List<MailAddress> addresses) {
        return addresses.stream().map(MailAddress::toString).toList();
    }
}
