package org.postroom.admin;

import java.net.InetAddress;
import org.postroom.config.AuthSettings;
import org.postroom.directory.Directory;
import org.postroom.directory.LoginFailures;
import org.postroom.net.LoginGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom auth unlock LOGIN|ADDRESS}: forgets the failed logins of a login or from a client address. */
@Command(name = "unlock", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Forget the failed logins of a login, or from a client address: it may log in again at once.")
final class AuthUnlockCommand extends AuthBaseCommand {

    @Parameters(paramLabel = "LOGIN|ADDRESS", description = "A login as clients type it (alice or alice@example.com), or an IP address.")
    String target;

    @Override
    int run(LoginFailures failures, Directory directory, AuthSettings settings, Output out) {
        int removed = failures.unlock(canonical(directory, target));
        if (removed == 0) return fail(ExitCodes.NO_SUCH, "no failed logins recorded for " + target);
        out.result(java.util.Map.of("unlocked", target, "records", removed), "unlocked " + target);
        return ExitCodes.OK;
    }

    /**
     * An IP address as the server writes it (::1 becomes 0:0:0:0:0:0:0:1); anything else is a login, counted
     * under its user's address when it names a user, as the server counts it.
     */
    private static String canonical(Directory directory, String text) {
        try {
            return InetAddress.ofLiteral(text).getHostAddress(); // a literal only: never a DNS lookup
        } catch (IllegalArgumentException e) {
            return LoginGuard.countedAs(directory, text);
        }
    }
}
