package org.postroom.admin;

import java.util.List;
import java.util.Optional;
import org.postroom.directory.Directory;
import org.postroom.service.TokenService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code postroom token list [--user ADDRESS]}: the tokens, never their secrets. */
@Command(name = "list", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "List the API tokens (never their secrets).")
final class TokenListCommand extends DirectoryCommand {

    @Option(names = "--user", paramLabel = "ADDRESS", description = "Only this user's tokens.")
    String user;

    @Override
    int run(Directory dir, Output out) {
        List<TokenService.TokenView> tokens = tokens(dir).list(user == null ? Optional.empty() : Optional.of(Args.user(dir, user).address()));
        if (out.isJson()) {
            out.json(tokens);
            return ExitCodes.OK;
        }
        out.table(List.of("ID", "USER", "NAME", "CREATED", "LAST-USED"), tokens.stream()
                .map(t -> List.of(Long.toString(t.id()), t.user(), t.name(), t.created(), t.lastUsed() == null ? "never" : t.lastUsed()))
                .toList());
        return ExitCodes.OK;
    }
}
