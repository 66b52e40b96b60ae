package org.postroom.directory;

import java.nio.file.Path;
import org.postroom.config.AddressRules;
import org.postroom.message.MailAddress;

/** Real SQLite files in a test's temporary folder, with a cheap hasher so tests can add many users. */
final class TestDirectories {

    /** The smallest Argon2id cost allowed: the hashing is the same code, only faster. */
    static final PasswordHasher FAST = new PasswordHasher(new PasswordHasher.Params(8, 1, 1));

    private TestDirectories() {}

    static Directory open(Path folder, AddressRules rules) {
        return new Directory(Database.open(folder.resolve(Database.FILE_NAME)), rules, FAST);
    }

    static MailAddress a(String address) {
        return MailAddress.parse(address);
    }

    static char[] pw(String password) {
        return password.toCharArray();
    }
}
