package org.postroom.admin;

import org.postroom.directory.Directory;
import org.postroom.directory.DirectoryException;
import org.postroom.message.MailAddress;
import org.postroom.service.UserService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code postroom user add ADDRESS}: a new, enabled user. */
@Command(name = "add", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Add a user. The password is asked twice at the terminal, or read as one line with --password-stdin.")
final class UserAddCommand extends DirectoryCommand {

    @Parameters(paramLabel = "ADDRESS", description = "The user; a bare name means the only local domain.")
    String address;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "", description = "Display name.")
    String name;

    /** What internal-only means, the same for {@code user add} and {@code user set} (and the router, README). */
    static final String INTERNAL_ONLY_HELP = "No mail to or from outside the office: may send only to the local domains, and gets no mail"
            + " from outside senders (strangers over SMTP, mail collected from the provider).";

    @Option(names = "--internal-only", description = INTERNAL_ONLY_HELP)
    boolean internalOnly;

    @Option(names = "--quota", paramLabel = "SIZE", defaultValue = "unlimited", converter = Sizes.Converter.class,
            description = "Mailbox size limit: 500K, 100M, 2G or unlimited (default: ${DEFAULT-VALUE}).")
    long quota;

    @Option(names = "--admin", description = "Give the user the admin role: the whole web console and API.")
    boolean admin;

    @Option(names = "--password-stdin", description = "Read the password as one line from standard input.")
    boolean passwordStdin;

    @Override
    int run(Directory dir, Output out) {
        MailAddress user = Args.address(dir, address);
        // Checked before asking for the password, so a typo does not cost the administrator two prompts.
        if (!dir.isLocalDomain(user.domain())) {
            throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, user.domain() + " is not a local domain (see `postroom domain list`)");
        }
        char[] password = PasswordInput.read(passwordStdin);
        var added = users(dir).add(actor(), new UserService.NewUser(user, name, password, internalOnly, quota, admin));
        added.note().ifPresent(note -> spec.commandLine().getErr().println("note: " + note));
        out.result(added.user(), "added user " + added.user().address() + (added.user().admin() ? " (admin)" : ""));
        return ExitCodes.OK;
    }
}
