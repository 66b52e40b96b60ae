package org.postroom.admin;

import java.util.List;
import java.util.Optional;
import org.postroom.directory.Directory;
import org.postroom.directory.DirectoryException;
import org.postroom.directory.User;
import org.postroom.message.AddressSyntaxException;
import org.postroom.message.MailAddress;

/** Addresses as the administrator types them on the command line. */
final class Args {

    private Args() {}

    private static MailAddress parse(String text) {
        try {
            return MailAddress.parse(text);
        } catch (AddressSyntaxException e) {
            throw new UsageError("'" + text + "' is not an address: " + e.getMessage());
        }
    }

    static List<MailAddress> addresses(Directory dir, List<String> texts) {
        return texts.stream().map(text -> address(dir, text)).toList();
    }

    /** An address; a bare local part takes the only local domain (with several, it would be a guess). */
    static MailAddress address(Directory dir, String text) {
        if (text.indexOf('@') >= 0) return parse(text);
        List<String> domains = dir.domains().stream().map(d -> d.name()).toList();
        if (domains.size() != 1) {
            throw new UsageError("'" + text + "' has no @domain and there are " + domains.size()
                    + " local domains; write the full address");
        }
        return parse(text + "@" + domains.getFirst());
    }

    /** An existing user, named by full address or by a bare local part that names one user (as at login). */
    static User user(Directory dir, String text) {
        Optional<User> user = text.indexOf('@') >= 0 ? dir.findUser(parse(text)) : dir.findUserByLogin(text);
        if (user.isPresent()) return user.get();
        throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, text.indexOf('@') >= 0
                ? "no user " + text
                : "no user '" + text + "' in exactly one local domain; write the full address");
    }
}
