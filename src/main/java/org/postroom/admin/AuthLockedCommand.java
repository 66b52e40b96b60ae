package org.postroom.admin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postroom.config.AuthSettings;
import org.postroom.directory.Directory;
import org.postroom.directory.LoginFailures;
import picocli.CommandLine.Command;

/** {@code postroom auth locked}: the logins and client addresses refused now, and until when. */
@Command(name = "locked", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "List the logins and client addresses locked out after too many failed logins.")
final class AuthLockedCommand extends AuthBaseCommand {

    @Override
    int run(LoginFailures failures, Directory directory, AuthSettings settings, Output out) {
        Instant now = Instant.now();
        List<LoginFailures.Lock> locks = failures.locked(settings.maxFailures(), now.minus(settings.lockout()), settings.lockout());
        if (out.isJson()) {
            out.json(locks.stream().map(l -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", l.kind());
                m.put("key", l.key());
                m.put("failures", l.failures());
                m.put("until", l.until().truncatedTo(ChronoUnit.SECONDS).toString());
                return m;
            }).toList());
        } else if (locks.isEmpty()) {
            out.line("nothing is locked");
        } else {
            out.table(List.of("KIND", "LOGIN/ADDRESS", "FAILURES", "UNTIL"), locks.stream()
                    .map(l -> List.of(l.kind(), l.key(), String.valueOf(l.failures()), l.until().truncatedTo(ChronoUnit.SECONDS).toString()))
                    .toList());
        }
        return ExitCodes.OK;
    }
}
