package org.postroom.admin;

import java.util.Optional;
import org.postroom.directory.Directory;
import org.postroom.message.MailAddress;
import org.postroom.service.UserService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code postroom user set ADDRESS --name ... --quota ...}: changes only what is given. */
@Command(name = "set", exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE, description = "Change a user's settings.")
final class UserSetCommand extends DirectoryCommand {

    @Parameters(paramLabel = "ADDRESS", description = "The user's address or unambiguous login.")
    String address;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name.")
    String name;

    @Option(names = "--internal-only", paramLabel = "true|false", arity = "1",
            description = UserAddCommand.INTERNAL_ONLY_HELP)
    Boolean internalOnly;

    @Option(names = "--quota", paramLabel = "SIZE", converter = Sizes.Converter.class,
            description = "Mailbox size limit: 500K, 100M, 2G or unlimited.")
    Long quota;

    @Option(names = "--pop3", paramLabel = "true|false", arity = "1", description = "May read mail over POP3.")
    Boolean pop3;

    @Option(names = "--pop3-office-only", paramLabel = "true|false", arity = "1",
            description = "May read mail over POP3 only from the office networks ([pop3] office_networks in postroom.toml).")
    Boolean pop3OfficeOnly;

    @Option(names = "--imap", paramLabel = "true|false", arity = "1", description = "May read mail over IMAP.")
    Boolean imap;

    @Option(names = "--imap-office-only", paramLabel = "true|false", arity = "1",
            description = "May read mail over IMAP only from the office networks ([pop3] office_networks in postroom.toml).")
    Boolean imapOfficeOnly;

    @Option(names = "--admin", paramLabel = "true|false", arity = "1",
            description = "Has the admin role: the whole web console and API (a postmaster always has it).")
    Boolean admin;

    @Override
    int run(Directory dir, Output out) {
        if (name == null && internalOnly == null && quota == null && pop3 == null && pop3OfficeOnly == null && imap == null
                && imapOfficeOnly == null && admin == null) {
            throw new UsageError("nothing to change: give --name, --internal-only, --quota, --pop3, --pop3-office-only, --imap,"
                    + " --imap-office-only or --admin");
        }
        MailAddress user = Args.user(dir, address).address();
        var changes = new UserService.Changes(Optional.ofNullable(name), Optional.empty(), Optional.ofNullable(internalOnly),
                Optional.ofNullable(quota), Optional.ofNullable(pop3), Optional.ofNullable(pop3OfficeOnly), Optional.ofNullable(imap),
                Optional.ofNullable(imapOfficeOnly), Optional.ofNullable(admin));
        out.result(users(dir).change(actor(), user, changes), "changed " + user);
        return ExitCodes.OK;
    }
}
