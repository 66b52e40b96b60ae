package org.postroom.admin;

import java.net.InetAddress;
import org.postroom.config.AuthSettings;
import org.postroom.directory.LoginFailures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom auth unlock LOGIN|ADDRESS}: forgets the failed logins of a login or from a client address. */
@Command(name = "unlock", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Forget the failed logins of a login, or from a client address: it may log in again at once.")
final class AuthUnlockCommand extends AuthBaseCommand {

    @Parameters(paramLabel = "LOGIN|ADDRESS", description = "A login as clients type it (alice or alice@example.com), or an IP address.")
    String target;

    @Override
    int run(LoginFailures failures, AuthSettings settings, Output out) {
        int removed = failures.unlock(canonical(target));
        if (removed == 0) return fail(ExitCodes.NO_SUCH, "no failed logins recorded for " + target);
        out.result(java.util.Map.of("unlocked", target, "records", removed), "unlocked " + target);
        return ExitCodes.OK;
    }

    /** An IP address as the server writes it (::1 becomes 0:0:0:0:0:0:0:1); anything else is a login, as typed. */
    private static String canonical(String text) {
        try {
            return InetAddress.ofLiteral(text).getHostAddress(); // a literal only: never a DNS lookup
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
