package org.postroom.admin;

import org.postroom.config.AuthSettings;
import org.postroom.directory.Directory;
import org.postroom.directory.LoginFailures;

/**
 * What {@code postroom auth ...} commands share: the data folder's existing database, where the running server
 * counts failed logins ({@link LoginFailures}), and {@code [auth]} from {@code postroom.toml} (how many failures
 * lock, for how long). Nothing goes through the server: it reads the same rows before every login.
 */
abstract class AuthBaseCommand extends DatabaseCommand {

    /** {@code directory} tells which user a login names (failures are counted under the user's address). */
    abstract int run(LoginFailures failures, Directory directory, AuthSettings settings, Output out);

    @Override
    final int run(Setup setup, Output out) {
        return run(new LoginFailures(setup.db()), setup.directory(), setup.config().auth(), out);
    }
}
