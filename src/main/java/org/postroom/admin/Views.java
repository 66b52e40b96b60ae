package org.postroom.admin;

import java.util.List;
import org.postroom.directory.Alias;
import org.postroom.directory.Domain;
import org.postroom.directory.Group;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;

/**
 * The JSON shapes of {@code --format json}: addresses as strings, sizes in bytes, no password hashes (the
 * directory's records do not carry them in the first place). Field names are part of the CLI's interface.
 */
final class Views {

    private Views() {}

    record UserView(long id, String address, String name, boolean enabled, boolean internalOnly, long quotaBytes,
            boolean pop3Allowed, boolean pop3OfficeOnly, boolean imapAllowed, boolean imapOfficeOnly) {
        static UserView of(User u) {
            return new UserView(u.id(), u.address().toString(), u.displayName(), u.enabled(), u.internalOnly(),
                    u.quotaBytes(), u.pop3Allowed(), u.pop3OfficeOnly(), u.imapAllowed(), u.imapOfficeOnly());
        }
    }

    /** A user with what refers to them directly, for {@code user show}. */
    record UserDetail(long id, String address, String name, boolean enabled, boolean internalOnly, long quotaBytes,
            boolean pop3Allowed, boolean pop3OfficeOnly, boolean imapAllowed, boolean imapOfficeOnly, List<String> groups,
            List<String> aliases) {}

    /** The POP3 column of text output: "yes", "office" (only from the office networks) or "no". */
    static String pop3Access(User u) {
        if (!u.pop3Allowed()) return "no";
        return u.pop3OfficeOnly() ? "office" : "yes";
    }

    /** The IMAP column of text output: "yes", "office" (only from the office networks) or "no". */
    static String imapAccess(User u) {
        if (!u.imapAllowed()) return "no";
        return u.imapOfficeOnly() ? "office" : "yes";
    }

    record AliasView(String address, List<String> targets) {
        static AliasView of(Alias a) {
            return new AliasView(a.address().toString(), strings(a.targets()));
        }
    }

    record GroupView(String address, boolean localSendersOnly, List<String> members) {
        static GroupView of(Group g) {
            return new GroupView(g.address().toString(), g.localSendersOnly(), strings(g.members()));
        }
    }

    record DomainView(String name, String catchAll) {
        static DomainView of(Domain d) {
            return new DomainView(d.name(), d.catchAll().map(MailAddress::toString).orElse(null));
        }
    }

    /** What a removal answers. */
    record Removed(String removed, String kind) {}

    static List<String> strings(List<MailAddress> addresses) {
        return addresses.stream().map(MailAddress::toString).toList();
    }
}
