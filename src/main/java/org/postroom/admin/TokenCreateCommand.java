package org.postroom.admin;

import org.postroom.directory.Directory;
import org.postroom.service.TokenService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code postroom token create --user ADDRESS [--name NAME]}: prints the new token, once. */
@Command(name = "create", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = {"Make an API token that acts as the user (with the user's role).",
                "The token is printed this once: only its SHA-256 is stored, so it cannot be shown again."})
final class TokenCreateCommand extends DirectoryCommand {

    @Option(names = "--user", required = true, paramLabel = "ADDRESS", description = "The user the token acts as.")
    String user;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "", description = "What the token is for, to know it in `token list`.")
    String name;

    @Override
    int run(Directory dir, Output out) {
        TokenService.CreatedView made = tokens(dir).create(actor(), Args.user(dir, user).address(), name);
        out.result(made, made.token() + "\n(token " + made.id() + " for " + made.user() + "; shown only now: keep it like a password)");
        return ExitCodes.OK;
    }
}
